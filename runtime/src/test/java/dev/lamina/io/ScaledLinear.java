package dev.lamina.io;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;

/** A generated layer with hyperparameters of every numeric kind, to save and rebuild. */
@Layer
abstract class ScaledLinear extends Module {
  final int in;
  final int out;
  final float scale;
  final double shift;
  final long seed;

  @Param(shape = {"out", "in"})
  Tensor weight;

  ScaledLinear(int in, int out, float scale, double shift, long seed) {
    this.in = in;
    this.out = out;
    this.scale = scale;
    this.shift = shift;
    this.seed = seed;
  }

  static ScaledLinear create(int in, int out, float scale, double shift, long seed) {
    return new Lamina_ScaledLinear(in, out, scale, shift, seed);
  }

  @Override
  public Tensor forward(Tensor x) {
    return x.linear(weight, null).mul(scale).add((float) shift);
  }
}
