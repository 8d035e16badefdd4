package dev.lamina.examples.exercises;

import dev.lamina.Generator;
import dev.lamina.Tensor;
import java.io.PrintStream;
import java.util.Arrays;

/** The chapter's two exercises, run and printed. */
public final class Exercises {
  private final PrintStream out;

  /** Exercises that print to {@code out}. */
  public Exercises(PrintStream out) {
    this.out = out;
  }

  /** Runs both exercises from a fixed seed. */
  public void run() {
    Generator.manualSeed(7);
    tensorReduction();
    fourierHalf();
  }

  private void tensorReduction() {
    out.println("## Exercise 1: a tensor reduction layer");
    out.println();
    out.println("y_k = sum_ij W_ijk x_i x_j for each row of the batch, written with einsum. The"
        + " input size is inferred on the first call, so W is allocated then: [in, in, out].");
    out.println();
    TensorReduction layer = TensorReduction.create(2);
    Tensor x = Tensor.rand(3, 4).requiresGrad(true);
    Tensor y = layer.forward(x);
    out.println(">>> layer.forward(Tensor.rand(3, 4))");
    out.println(y);
    out.println(">>> layer.weight().shape()");
    out.println(Arrays.toString(layer.weight().shape()));
    y.sum().backward();
    out.println(">>> x.grad()  // gradients flow to the input and to W");
    out.println(x.grad());
    out.println();
  }

  private void fourierHalf() {
    out.println("## Exercise 2: the first half of the Fourier coefficients");
    out.println();
    out.println("fft(x)[..., :n/2] along the last dimension, each coefficient as (real, imaginary)."
        + " The output shape [..., n/2, 2] is declared with @Shape and checked on every call.");
    out.println();
    FourierHalf layer = FourierHalf.create();
    Tensor x = Tensor.of(1, 2, 3, 4, 5, 6, 7, 8).reshape(1, 8);
    out.println(">>> layer.forward(Tensor.of(1, 2, 3, 4, 5, 6, 7, 8).reshape(1, 8))");
    out.println(layer.forward(x));
    out.println();
  }
}
