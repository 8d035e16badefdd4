package dev.lamina.peers;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The MLP in DJL on its PyTorch engine: a SequentialBlock of Linear layers and ReLU, trained by a
 * Trainer with softmax cross-entropy and plain SGD.
 *
 * <p>Each operation runs in a sub-manager of its own, closed at the end, so that the arrays one
 * step makes are freed before the next (as DJL's own training loop does per batch). DJL's SGD
 * update on PyTorch zeroes each gradient after applying it, so the step needs no zero-grad call.
 */
public final class DjlPeer implements Harness.Framework {
  private static final String ENGINE = "PyTorch";
  private static final String VERSION = "0.36.0";

  private boolean gradModeInForward;
  private boolean gradModeChecked;

  public static void main(String[] args) {
    Harness.run(new DjlPeer(), args);
  }

  @Override
  public String name() {
    return "DJL " + VERSION;
  }

  @Override
  public Harness.Operation prepare(String workload, int batch, float[] images, int[] labels) {
    Engine engine = Engine.getEngine(ENGINE);
    engine.setRandomSeed(Harness.MODEL_SEED);
    Model model = Model.newInstance("mlp", Device.cpu(), ENGINE);
    model.setBlock(new SequentialBlock()
        .add(Linear.builder().setUnits(Harness.HIDDEN).build())
        .add(Activation::relu)
        .add(Linear.builder().setUnits(Harness.HIDDEN).build())
        .add(Activation::relu)
        .add(Linear.builder().setUnits(Harness.CLASSES).build()));
    DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
        .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).build())
        .optDevices(new Device[] {Device.cpu()});
    Trainer trainer = model.newTrainer(config);
    trainer.initialize(new Shape(batch, Harness.INPUTS));
    long parameters = 0;
    for (Pair<String, Parameter> parameter : model.getBlock().getParameters()) {
      parameters += parameter.getValue().getArray().size();
    }
    long counted = parameters;
    NDManager manager = trainer.getManager();
    NDArray input = manager.create(images, new Shape(batch, Harness.INPUTS));
    long[] longLabels = new long[batch];
    for (int i = 0; i < batch; i++) {
      longLabels[i] = labels[i];
    }
    NDArray target = manager.create(longLabels, new Shape(batch));
    Runnable free = () -> {
      trainer.close();
      model.close();
    };
    if (workload.equals("step")) {
      return Harness.Operation.of(counted, () -> {
        try (NDManager scope = manager.newSubManager()) {
          input.tempAttach(scope);
          target.tempAttach(scope);
          try (GradientCollector collector = trainer.newGradientCollector()) {
            NDList output = trainer.forward(new NDList(input));
            NDArray value = trainer.getLoss().evaluate(new NDList(target), output);
            collector.backward(value);
          }
          trainer.step();
        }
        return trainer;
      }, free);
    }
    return Harness.Operation.of(counted, () -> {
      try (NDManager scope = manager.newSubManager()) {
        input.tempAttach(scope);
        if (!gradModeChecked) {
          gradModeInForward = JniUtils.isGradMode();
          gradModeChecked = true;
        }
        NDList output = trainer.evaluate(new NDList(input));
        return output.singletonOrThrow().getShape();
      }
    }, free);
  }

  @Override
  public Map<String, String> describe() {
    Engine engine = Engine.getEngine(ENGINE);
    Map<String, String> described = new LinkedHashMap<>();
    described.put("engine", engine.getEngineName() + " " + engine.getVersion());
    StringBuilder capabilities = new StringBuilder();
    for (String capability : new String[] {StandardCapabilities.MKL,
        StandardCapabilities.MKLDNN, StandardCapabilities.OPENMP}) {
      capabilities.append(capabilities.length() == 0 ? "" : ", ").append(capability).append(": ")
          .append(engine.hasCapability(capability) ? "yes" : "no");
    }
    described.put("capabilities", capabilities.toString());
    described.put("features", String.join(" ", JniUtils.getFeatures()));
    described.put("torch threads", "intra-op " + JniUtils.getNumThreads() + ", inter-op "
        + JniUtils.getNumInteropThreads());
    described.put("grad mode in forward", String.valueOf(gradModeInForward));
    described.put("libraries",
        String.join(" ", Harness.mappedLibraries("torch|c10|gomp|iomp|mkl|blas")));
    described.put("threads", Harness.threadEnvironment());
    return described;
  }
}
