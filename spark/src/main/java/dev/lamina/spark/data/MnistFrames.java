package dev.lamina.spark.data;

import dev.lamina.data.Mnist;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * MNIST digits as a Spark {@link Dataset}: columns {@code features} ({@code array<float>}, the 784
 * pixels scaled to [0, 1], row-major) and {@code label} ({@code int}, 0-9), in file order.
 *
 * <pre>{@code
 * Dataset<Row> digits =
 *     MnistFrames.read(spark, MnistFrames.bundledImages(), MnistFrames.bundledLabels());
 * digits.write().parquet("digits.parquet");
 * }</pre>
 */
public final class MnistFrames {
  /** The features column's name. */
  public static final String FEATURES = "features";
  /** The label column's name. */
  public static final String LABEL = "label";

  private static final String IMAGES = "mnist-10k-images-idx3-ubyte.gz";
  private static final String LABELS = "mnist-10k-labels-idx1-ubyte.gz";
  /** Where the 10,000 digits are bundled, relative to the repository root and to a module. */
  private static final List<Path> FOLDERS = List.of(
      Path.of("examples/src/main/resources/dev/lamina/examples/mnist"),
      Path.of("../examples/src/main/resources/dev/lamina/examples/mnist"));

  private MnistFrames() {}

  /** The schema: {@code features array<float>, label int}. */
  public static StructType schema() {
    return new StructType()
        .add(FeatureColumns.featuresField(FEATURES))
        .add(DataTypes.createStructField(LABEL, DataTypes.IntegerType, false));
  }

  /** Reads an IDX images file and labels file (plain or gzip) on the driver into a Dataset. */
  public static Dataset<Row> read(SparkSession spark, Path images, Path labels) throws IOException {
    return of(spark, Mnist.read(images, labels), 0, -1);
  }

  /** Digits {@code from} to {@code to} (exclusive; -1 for all) of {@code mnist} as a Dataset. */
  public static Dataset<Row> of(SparkSession spark, Mnist mnist, int from, int to) {
    int end = to < 0 ? mnist.size() : to;
    Mnist part = mnist.slice(from, end);
    int pixels = part.size() == 0 ? 0 : part.images().numel() / part.size();
    float[] all = part.images().toFloatArray();
    int[] labels = part.labels();
    List<Row> rows = new ArrayList<>(part.size());
    for (int i = 0; i < part.size(); i++) {
      Float[] features = new Float[pixels];
      for (int j = 0; j < pixels; j++) {
        features[j] = all[i * pixels + j];
      }
      rows.add(RowFactory.create(features, labels[i]));
    }
    return spark.createDataFrame(rows, schema());
  }

  /** The bundled images file: the examples' copy, found from the repository root or a module. */
  public static Path bundledImages() {
    return bundled(IMAGES);
  }

  /** The bundled labels file. */
  public static Path bundledLabels() {
    return bundled(LABELS);
  }

  private static Path bundled(String name) {
    for (Path folder : FOLDERS) {
      Path file = folder.resolve(name);
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    throw new IllegalStateException("cannot find " + name + " in any of " + FOLDERS
        + "; pass the IDX files' paths instead");
  }
}
