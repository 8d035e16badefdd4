package dev.lamina.io;

import dev.lamina.Module;
import dev.lamina.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures save and load speed for a model of about 100 MB (not a test: it prints). Run from the
 * test class path: {@code java -cp ... dev.lamina.io.SaveLoadThroughput [folder]}.
 */
public final class SaveLoadThroughput {
  private SaveLoadThroughput() {}

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
    // 5 layers of 2200 x 2200 floats: 96.8 MB of weights and biases.
    Module model = new Sequential(new TestLayers.Linear(2200, 2200, 1), new TestLayers.Linear(2200, 2200, 2),
        new TestLayers.Linear(2200, 2200, 3), new TestLayers.Linear(2200, 2200, 4),
        new TestLayers.Linear(2200, 2200, 5));
    Module target = new Sequential(new TestLayers.Linear(2200, 2200, 6), new TestLayers.Linear(2200, 2200, 7),
        new TestLayers.Linear(2200, 2200, 8), new TestLayers.Linear(2200, 2200, 9),
        new TestLayers.Linear(2200, 2200, 10));
    Path path = folder.resolve("throughput.safetensors");
    double megabytes = 0;
    for (var p : model.parameters()) {
      megabytes += p.numel() * 4.0 / 1e6;
    }
    for (int round = 0; round < 5; round++) {
      long t0 = System.nanoTime();
      ModuleFiles.save(model, path);
      long t1 = System.nanoTime();
      ModuleFiles.loadWeights(target, path);
      long t2 = System.nanoTime();
      System.out.printf("round %d: %.1f MB, save %.0f ms (%.0f MB/s, with fsync), load %.0f ms (%.0f MB/s)%n",
          round, megabytes, (t1 - t0) / 1e6, megabytes / ((t1 - t0) / 1e9), (t2 - t1) / 1e6,
          megabytes / ((t2 - t1) / 1e9));
    }
    Files.delete(path);
  }
}
