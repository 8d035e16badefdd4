package dev.lamina.examples.mnist;

import dev.lamina.Sequential;
import dev.lamina.nn.BatchNorm2d;
import dev.lamina.nn.Conv2d;
import dev.lamina.nn.Dropout;
import dev.lamina.nn.Flatten;
import dev.lamina.nn.Linear;
import dev.lamina.nn.MaxPool2d;
import dev.lamina.nn.ReLU;
import dev.lamina.nn.Unflatten;
import java.util.Locale;

/**
 * The networks {@code train-mnist --model} trains on {@code [batch, 28, 28]} digits, all built-in
 * layers in a {@link Sequential}, each with the epochs that train it in under a minute here.
 */
public enum MnistModel {
  /** 784 → 256 → 128 → 10 with ReLUs and dropout. */
  MLP(15) {
    @Override
    public Sequential build(double dropout) {
      return new Sequential(Flatten.create(), Linear.create(784, 256), ReLU.create(),
          Dropout.create(dropout), Linear.create(256, 128), ReLU.create(), Dropout.create(dropout),
          Linear.create(128, 10));
    }
  },
  /**
   * LeNet-like: two blocks of a 5x5 convolution, BatchNorm, ReLU and 2x2 max pooling (1 → 8 → 16
   * channels, 28 → 12 → 4 pixels), then 256 → 64 → 10 with dropout.
   */
  CNN(3) {
    @Override
    public Sequential build(double dropout) {
      return new Sequential(Unflatten.create(1, 1, 28), Conv2d.create(1, 8, 5),
          BatchNorm2d.create(8), ReLU.create(), MaxPool2d.create(2), Conv2d.create(8, 16, 5),
          BatchNorm2d.create(16), ReLU.create(), MaxPool2d.create(2), Flatten.create(),
          Dropout.create(dropout), Linear.create(256, 64), ReLU.create(), Linear.create(64, 10));
    }
  },
  /**
   * The image read row by row, 28 steps of 28 pixels, by an {@code LSTM} of 64; its last step's
   * output classified by a {@code Linear}. Dropout does not apply.
   */
  LSTM(8) {
    @Override
    public Sequential build(double dropout) {
      return new Sequential(dev.lamina.nn.LSTM.create(28, 64), LastStep.create(),
          Linear.create(64, 10));
    }
  },
  /**
   * A small vision transformer ({@link TinyVit}): 7x7 patches of 4x4 pixels, a class token,
   * learned positions, two norm-first encoder layers of width 32 and 4 heads. Dropout does not
   * apply.
   */
  VIT(3) {
    @Override
    public Sequential build(double dropout) {
      return new Sequential(TinyVit.create());
    }
  };

  private final int defaultEpochs;

  MnistModel(int defaultEpochs) {
    this.defaultEpochs = defaultEpochs;
  }

  /** The network, with dropout of probability {@code dropout} (0 for none). */
  public abstract Sequential build(double dropout);

  /** The network as trained: dropout 0.2 for the MLP, 0.25 for the CNN. */
  public Sequential build() {
    return build(this == MLP ? 0.2 : this == CNN ? 0.25 : 0);
  }

  /** The epochs that train it in under a minute on this project's 2-core machines. */
  public int defaultEpochs() {
    return defaultEpochs;
  }

  /** The name on the command line and in file names: {@code mlp}, {@code cnn}, {@code lstm}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
