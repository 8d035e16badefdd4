package dev.lamina;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.lamina.loss.Losses;
import dev.lamina.optim.SGD;
import dev.lamina.testing.Fixtures;
import dev.lamina.testing.GradCheck;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A 20-16-4 ReLU network, started from the weights PyTorch's {@code nn.Linear} layers drew, trained
 * for 10 steps of SGD with momentum on cross-entropy: the loss at every step and the final weights
 * equal PyTorch's ({@code mlp.json}).
 */
class TrainingMatchesTorchTest {
  /** Two linear layers in PyTorch's layout: weight {@code [out, in]}, {@code y = x W^T + b}. */
  private static final class TwoLayerNetwork extends Module {
    final Map<String, Tensor> parameters = new LinkedHashMap<>();

    TwoLayerNetwork(JsonObject initial) {
      for (String name : new String[] {"0.weight", "0.bias", "2.weight", "2.bias"}) {
        parameters.put(name, Fixtures.tensor(initial.get(name)).requiresGrad(true));
      }
    }

    @Override
    protected Map<String, Tensor> localParameters() {
      return parameters;
    }

    @Override
    public Tensor forward(Tensor x) {
      Tensor hidden = x.matmul(parameters.get("0.weight").t()).add(parameters.get("0.bias")).relu();
      return hidden.matmul(parameters.get("2.weight").t()).add(parameters.get("2.bias"));
    }
  }

  @Test
  void tenStepsOfSgdWithMomentumGiveTorchsLosses() {
    JsonObject fixture = Fixtures.load("mlp.json");
    TwoLayerNetwork network = new TwoLayerNetwork(fixture.getAsJsonObject("parameters"));
    Tensor x = Fixtures.tensor(fixture.get("x"));
    int[] labels = Fixtures.ints(fixture.getAsJsonArray("labels"));
    SGD optimizer = new SGD(network.parameters(), fixture.get("lr").getAsDouble(),
        fixture.get("momentum").getAsDouble());
    JsonArray losses = fixture.getAsJsonArray("losses");

    for (int step = 0; step < losses.size(); step++) {
      optimizer.zeroGrad();
      Tensor loss = Losses.crossEntropy(network.forward(x), labels);
      loss.backward();
      optimizer.step();
      double expected = losses.get(step).getAsDouble();
      assertWithMessage("loss at step %s", step + 1).that((double) loss.item())
          .isWithin(1e-4 * expected).of(expected);
    }
    JsonObject last = fixture.getAsJsonObject("final");
    for (Map.Entry<String, Tensor> p : network.namedParameters().entrySet()) {
      GradCheck.assertClose(p.getKey() + " after training", p.getValue(),
          Fixtures.tensor(last.get(p.getKey())));
    }
  }
}
