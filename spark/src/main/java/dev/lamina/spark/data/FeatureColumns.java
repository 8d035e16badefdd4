package dev.lamina.spark.data;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads model inputs and labels out of {@link Row}s: a features column of {@code array<float>} or
 * {@code array<double>} and an integer label column.
 */
public final class FeatureColumns {
  private FeatureColumns() {}

  /** Checks that {@code data} has a numeric array column {@code name}; returns its index. */
  public static int requireFeatures(Dataset<Row> data, String name) {
    return requireFeatures(data.schema(), name);
  }

  /** As {@link #requireFeatures(Dataset, String)}, on a schema. */
  public static int requireFeatures(StructType schema, String name) {
    int index = fieldIndex(schema, name);
    DataType type = schema.fields()[index].dataType();
    if (!(type instanceof ArrayType array) || !isFloating(array.elementType())) {
      throw new IllegalArgumentException("features column \"" + name + "\" must be array<float> or"
          + " array<double>, but it is " + type.simpleString());
    }
    return index;
  }

  /** Checks that {@code data} has an integer column {@code name}; returns its index. */
  public static int requireLabels(Dataset<Row> data, String name) {
    StructType schema = data.schema();
    int index = fieldIndex(schema, name);
    DataType type = schema.fields()[index].dataType();
    if (!type.equals(DataTypes.IntegerType) && !type.equals(DataTypes.LongType)
        && !type.equals(DataTypes.ShortType) && !type.equals(DataTypes.ByteType)) {
      throw new IllegalArgumentException("label column \"" + name + "\" must be an integer type,"
          + " but it is " + type.simpleString());
    }
    return index;
  }

  /**
   * Copies the features of {@code row} at {@code index} to {@code out} from {@code offset};
   * returns their number.
   */
  public static int copyFeatures(Row row, int index, float[] out, int offset) {
    List<Object> values = row.getList(index);
    for (int i = 0; i < values.size(); i++) {
      Object value = values.get(i);
      if (value == null) {
        String name = row.schema().fields()[index].name();
        throw new IllegalArgumentException(
            "features column \"" + name + "\" has a null at position " + i);
      }
      out[offset + i] = ((Number) value).floatValue();
    }
    return values.size();
  }

  /** The number of features in {@code row} at {@code index}. */
  public static int featureCount(Row row, int index) {
    return row.getList(index).size();
  }

  /** The label of {@code row} at {@code index}. */
  public static int label(Row row, int index) {
    return ((Number) row.get(index)).intValue();
  }

  private static int fieldIndex(StructType schema, String name) {
    String[] names = schema.fieldNames();
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no column \"" + name + "\"; the columns are "
        + Arrays.toString(names));
  }

  private static boolean isFloating(DataType type) {
    return type.equals(DataTypes.FloatType) || type.equals(DataTypes.DoubleType);
  }

  /** The schema field of a features column of floats. */
  public static StructField featuresField(String name) {
    return DataTypes.createStructField(name,
        DataTypes.createArrayType(DataTypes.FloatType, false), false);
  }
}
