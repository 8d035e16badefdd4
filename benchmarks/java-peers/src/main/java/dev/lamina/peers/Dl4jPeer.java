package dev.lamina.peers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The MLP in DL4J: a MultiLayerNetwork of two ReLU dense layers and a softmax output layer with
 * multi-class cross-entropy, updated by plain SGD, in float32 on nd4j-native.
 *
 * <p>One {@code fit(features, labels)} is one step: forward, loss, backward and the SGD update;
 * DL4J writes each gradient anew, so there is nothing to zero. The labels are given one-hot, made
 * once, as DL4J's output layer takes them. The forward is {@code output(features, false)}, which
 * runs in inference mode with no gradient state.
 */
public final class Dl4jPeer implements Harness.Framework {
  private static final String VERSION = "1.0.0-M2.1";

  public static void main(String[] args) {
    Harness.run(new Dl4jPeer(), args);
  }

  @Override
  public String name() {
    return "DL4J " + VERSION;
  }

  @Override
  public Harness.Operation prepare(String workload, int batch, float[] images, int[] labels) {
    MultiLayerConfiguration configuration = new NeuralNetConfiguration.Builder()
        .seed(Harness.MODEL_SEED)
        .dataType(DataType.FLOAT)
        .updater(new Sgd(0.01))
        .weightInit(WeightInit.XAVIER)
        .list()
        .layer(new DenseLayer.Builder().nIn(Harness.INPUTS).nOut(Harness.HIDDEN)
            .activation(Activation.RELU).build())
        .layer(new DenseLayer.Builder().nIn(Harness.HIDDEN).nOut(Harness.HIDDEN)
            .activation(Activation.RELU).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(Harness.HIDDEN)
            .nOut(Harness.CLASSES).activation(Activation.SOFTMAX).build())
        .build();
    MultiLayerNetwork network = new MultiLayerNetwork(configuration);
    network.init();
    INDArray features = Nd4j.create(images, new long[] {batch, Harness.INPUTS}, DataType.FLOAT);
    float[] oneHot = new float[batch * Harness.CLASSES];
    for (int i = 0; i < batch; i++) {
      oneHot[i * Harness.CLASSES + labels[i]] = 1f;
    }
    INDArray targets = Nd4j.create(oneHot, new long[] {batch, Harness.CLASSES}, DataType.FLOAT);
    long parameters = network.numParams();
    if (workload.equals("step")) {
      return Harness.Operation.of(parameters, () -> {
        network.fit(features, targets);
        return network;
      });
    }
    return Harness.Operation.of(parameters, () -> {
      INDArray output = network.output(features, false);
      long rows = output.rows();
      output.close();
      return rows;
    });
  }

  @Override
  public Map<String, String> describe() {
    Map<String, String> described = new LinkedHashMap<>();
    Properties information = Nd4j.getExecutioner().getEnvironmentInformation();
    described.put("backend", String.valueOf(information.get("backend")));
    described.put("blas vendor", String.valueOf(information.get("blas.vendor")));
    Environment environment = Nd4j.getEnvironment();
    described.put("blas version", environment.blasMajorVersion() + "."
        + environment.blasMinorVersion() + "." + environment.blasPatchVersion());
    described.put("nd4j threads", "max " + environment.maxThreads() + ", master "
        + environment.maxMasterThreads() + ", omp.threads " + information.get("omp.threads"));
    described.put("libraries",
        String.join(" ", Harness.mappedLibraries("nd4j|openblas|blas|gomp|omp|mkl|dnnl")));
    described.put("threads", Harness.threadEnvironment());
    return described;
  }
}
