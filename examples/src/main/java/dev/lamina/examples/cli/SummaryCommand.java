package dev.lamina.examples.cli;

import dev.lamina.Module;
import dev.lamina.Sequential;
import dev.lamina.examples.chapter.CenteredLayer;
import dev.lamina.examples.chapter.MyLinear;
import dev.lamina.examples.exercises.FourierHalf;
import dev.lamina.examples.exercises.TensorReduction;
import dev.lamina.examples.mnist.MnistModel;
import dev.lamina.nn.LazyLinear;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code summary}: the summary table of each example model, before any data has flowed. */
@Command(
    name = "summary",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the layers, output shapes and parameter counts of the example models before any"
          + " data has flowed: for an input shape, with every shape concrete (one forward pass on"
          + " zeros, in eval mode, changing nothing trained); the lazy one from its declared"
          + " shapes alone, its inferred sizes shown as ? until a first call."
    })
final class SummaryCommand implements Callable<Integer> {
  /** A model and the input shape its summary is for, or null for the declared shapes alone. */
  private record Example(Module model, int[] inputShape) {}

  @Override
  public Integer call() {
    Map<String, Example> models = new LinkedHashMap<>();
    models.put("MyLinear(5, 3)", new Example(MyLinear.create(5, 3), new int[] {2, 5}));
    models.put("Sequential(MyLinear(64, 8), MyLinear(8, 1))",
        new Example(new Sequential(MyLinear.create(64, 8), MyLinear.create(8, 1)),
            new int[] {2, 64}));
    models.put("Sequential(LazyLinear(128), CenteredLayer())",
        new Example(new Sequential(LazyLinear.create(128), new CenteredLayer()), null));
    models.put("TensorReduction(2)", new Example(TensorReduction.create(2), new int[] {4, 2}));
    models.put("FourierHalf()", new Example(FourierHalf.create(), new int[] {4, 16}));
    for (MnistModel model : MnistModel.values()) {
      models.put("train-mnist --model " + model.label(),
          new Example(model.build(), new int[] {64, 28, 28}));
    }
    for (Map.Entry<String, Example> entry : models.entrySet()) {
      Example example = entry.getValue();
      int[] shape = example.inputShape();
      System.out.println(entry.getKey()
          + (shape == null ? "" : ", for an input of " + Arrays.toString(shape)));
      System.out.println(shape == null ? example.model().summary() : example.model().summary(shape));
      System.out.println();
    }
    return 0;
  }
}
