package dev.lamina.peers;

import dev.lamina.Generator;
import dev.lamina.NoGrad;
import dev.lamina.Sequential;
import dev.lamina.Tensor;
import dev.lamina.blas.Blas;
import dev.lamina.loss.Losses;
import dev.lamina.nn.Linear;
import dev.lamina.nn.ReLU;
import dev.lamina.optim.SGD;
import java.util.LinkedHashMap;
import java.util.Map;

/** The MLP in Lamina, written as benchmarks' MlpTraining writes it. */
public final class LaminaPeer implements Harness.Framework {
  public static void main(String[] args) {
    Harness.run(new LaminaPeer(), args);
  }

  @Override
  public String name() {
    return "Lamina";
  }

  @Override
  public Harness.Operation prepare(String workload, int batch, float[] images, int[] labels) {
    Generator.manualSeed(Harness.MODEL_SEED);
    Sequential model = new Sequential(Linear.create(784, 256), ReLU.create(),
        Linear.create(256, 256), ReLU.create(), Linear.create(256, 10));
    SGD optimizer = new SGD(model.parameters(), 0.01f);
    Tensor input = Tensor.of(images, batch, Harness.INPUTS);
    long parameters = model.parameters().stream().mapToLong(Tensor::numel).sum();
    if (workload.equals("step")) {
      return Harness.Operation.of(parameters, () -> {
        Tensor loss = Losses.crossEntropy(model.forward(input), labels);
        loss.backward();
        optimizer.step();
        optimizer.zeroGrad();
        return loss;
      });
    }
    return Harness.Operation.of(parameters, () -> {
      try (NoGrad ignored = NoGrad.enter()) {
        return model.forward(input);
      }
    });
  }

  @Override
  public Map<String, String> describe() {
    Map<String, String> described = new LinkedHashMap<>();
    described.put("blas", Blas.description());
    described.put("libraries", String.join(" ", Harness.mappedLibraries("blas|lapack|gfortran")));
    described.put("threads", Harness.threadEnvironment());
    return described;
  }
}
