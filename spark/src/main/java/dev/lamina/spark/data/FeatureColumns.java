package dev.lamina.spark.data;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.UserDefinedType;

/**
 * Reads model inputs and labels out of {@link Row}s: a features column of {@code array<float>},
 * {@code array<double>} or Spark ML {@code Vector}s (dense or sparse, as {@code VectorAssembler}
 * makes them), and an integer label column.
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
    boolean floats = type instanceof ArrayType array && isFloating(array.elementType());
    if (!floats && !isVector(type)) {
      throw new IllegalArgumentException("features column \"" + name + "\" must be array<float>,"
          + " array<double> or an ML vector, but it is " + type.simpleString());
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
    Object cell = row.get(index);
    if (cell instanceof Vector vector) {
      int size = vector.size();
      // A sparse vector writes its zeros too: the slots it skips must not keep older values.
      Arrays.fill(out, offset, offset + size, 0f);
      vector.foreachActive((i, value) -> {
        out[offset + ((Number) i).intValue()] = ((Number) value).floatValue();
        return scala.runtime.BoxedUnit.UNIT;
      });
      return size;
    }
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
    Object cell = row.get(index);
    return cell instanceof Vector vector ? vector.size() : row.getList(index).size();
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

  /** Whether {@code type} is Spark ML's vector type, known by name: spark-mllib is the user's. */
  private static boolean isVector(DataType type) {
    return type instanceof UserDefinedType<?> udt
        && udt.userClass().getName().equals("org.apache.spark.ml.linalg.Vector");
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
