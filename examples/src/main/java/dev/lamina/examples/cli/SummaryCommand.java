package dev.lamina.examples.cli;

import dev.lamina.Module;
import dev.lamina.Sequential;
import dev.lamina.examples.chapter.CenteredLayer;
import dev.lamina.examples.chapter.MyLinear;
import dev.lamina.examples.exercises.FourierHalf;
import dev.lamina.examples.exercises.TensorReduction;
import dev.lamina.examples.mnist.MnistTraining;
import dev.lamina.nn.LazyLinear;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code summary}: the summary table of each example model, before any data has flowed. */
@Command(
    name = "summary",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the layers, output shapes and parameter counts of the example models, from their"
          + " declared shapes alone (inferred sizes show as ? until a first call)."
    })
final class SummaryCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    Map<String, Module> models = new LinkedHashMap<>();
    models.put("MyLinear(5, 3)", MyLinear.create(5, 3));
    models.put("Sequential(MyLinear(64, 8), MyLinear(8, 1))",
        new Sequential(MyLinear.create(64, 8), MyLinear.create(8, 1)));
    models.put("Sequential(LazyLinear(128), CenteredLayer())",
        new Sequential(LazyLinear.create(128), new CenteredLayer()));
    models.put("TensorReduction(2)", TensorReduction.create(2));
    models.put("FourierHalf()", FourierHalf.create());
    models.put("the MNIST model", MnistTraining.model());
    for (Map.Entry<String, Module> entry : models.entrySet()) {
      System.out.println(entry.getKey());
      System.out.println(entry.getValue().summary());
      System.out.println();
    }
    return 0;
  }
}
