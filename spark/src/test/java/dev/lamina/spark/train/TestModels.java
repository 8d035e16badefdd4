package dev.lamina.spark.train;

import dev.lamina.Generator;
import dev.lamina.Module;
import dev.lamina.Sequential;
import dev.lamina.nn.Conv2d;
import dev.lamina.nn.Flatten;
import dev.lamina.nn.Linear;
import dev.lamina.nn.MaxPool2d;
import dev.lamina.nn.ReLU;
import dev.lamina.nn.Tanh;
import dev.lamina.nn.Unflatten;
import dev.lamina.spark.io.ModelBytes;
import dev.lamina.spark.nn.SampleDropout;

/** The models the tests train, built from a fixed seed. */
final class TestModels {
  private TestModels() {}

  /** 784-64-10 with ReLU and per-sample dropout. */
  static Sequential mlp() {
    Generator.manualSeed(7);
    return new Sequential(Linear.create(784, 64), ReLU.create(), SampleDropout.create(0.2, 1),
        Linear.create(64, 10));
  }

  /** A deeper one: 784-48-32-10 with tanh, dropout after each hidden layer. */
  static Sequential deeper() {
    Generator.manualSeed(11);
    return new Sequential(Linear.create(784, 48), Tanh.create(), SampleDropout.create(0.1, 2),
        Linear.create(48, 32), Tanh.create(), SampleDropout.create(0.1, 3), Linear.create(32, 10));
  }

  /**
   * A small convolutional network over the digits as images: a 5x5 convolution to 4 channels, ReLU,
   * 2x2 max pooling, then a linear layer. No batch norm: its statistics are the shard's, not the
   * global batch's, so it would not train as one machine does.
   */
  static Sequential cnn() {
    Generator.manualSeed(13);
    return new Sequential(Unflatten.create(1, 1, 28, 28), Conv2d.create(1, 4, 5), ReLU.create(),
        MaxPool2d.create(2), Flatten.create(), Linear.create(4 * 12 * 12, 10));
  }

  /** An independent copy of {@code model}, weights included. */
  static Module copy(Module model) {
    return ModelBytes.rebuild(ModelBytes.of(model));
  }
}
