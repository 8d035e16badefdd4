package dev.lamina.benchmarks;

import dev.lamina.Generator;
import dev.lamina.Module;
import dev.lamina.Sequential;
import dev.lamina.nn.Linear;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A 100 MB model (25 million float32 parameters in four {@code Linear(2500, 2500)}): saved (atomic
 * and durable: temporary file, fsync, rename, fsync of the folder) and its weights loaded back.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SaveLoad {
  /** The bytes of weights saved and loaded per operation. */
  public static final long MODEL_BYTES = 4L * 4 * 2500 * 2500;

  private Sequential model;
  private Path folder;
  private Path file;

  @Setup
  public void setUp() throws IOException {
    Generator.manualSeed(0);
    Module[] layers = new Module[4];
    for (int i = 0; i < layers.length; i++) {
      layers[i] = Linear.create(2500, 2500, false);
    }
    model = new Sequential(layers);
    folder = Files.createTempDirectory("lamina-bench-");
    file = folder.resolve("model.safetensors");
    model.save(file);
  }

  @Benchmark
  public Path save() throws IOException {
    model.save(file);
    return file;
  }

  @Benchmark
  public Module load() throws IOException {
    model.loadWeights(file);
    return model;
  }

  @Benchmark
  public Module saveAndLoad() throws IOException {
    model.save(file);
    model.loadWeights(file);
    return model;
  }

  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(file);
    Files.deleteIfExists(folder);
  }
}
