package dev.lamina.io;

import dev.lamina.Tensor;
import java.nio.file.Path;

/**
 * The child process of {@link KilledSaveTest}: saves a model over the file in {@code args[0]}
 * forever, each generation's parameters filled with one value, so a torn file would show.
 */
public final class SaveLoop {
  private SaveLoop() {}

  public static void main(String[] args) throws Exception {
    Path path = Path.of(args[0]);
    float generation = Float.parseFloat(args[1]);
    TestLayers.MyLinear model = KilledSaveTest.model();
    System.out.println("ready");
    System.out.flush();
    while (true) {
      generation++;
      for (Tensor p : model.namedParameters().values()) {
        p.fill(generation);
      }
      ModuleFiles.save(model, path);
    }
  }
}
