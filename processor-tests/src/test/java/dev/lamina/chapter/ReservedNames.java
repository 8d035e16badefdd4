package dev.lamina.chapter;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Init;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;
import dev.lamina.annotations.Shape;

/**
 * A layer whose own names are those the generated class would otherwise give its fields: the
 * generated class must choose others, or it would not compile.
 */
@Layer
public abstract class ReservedNames extends Module {
  final int OUTPUT_SHAPE;

  @Param(shape = {"OUTPUT_SHAPE", "in"}, init = Init.ONES)
  Tensor TYPE_NAME;

  @Param(shape = {"OUTPUT_SHAPE"}, init = Init.ZEROS)
  Tensor inferredLock;

  @Param(shape = {"in*in"}, init = Init.ZEROS)
  Tensor inferredAllocated;

  ReservedNames(int OUTPUT_SHAPE) {
    this.OUTPUT_SHAPE = OUTPUT_SHAPE;
  }

  public static ReservedNames create(int outputs) {
    return new Lamina_ReservedNames(outputs);
  }

  @Override
  @Shape({"batch", "OUTPUT_SHAPE"})
  public Tensor forward(@Shape({"batch", "in"}) Tensor INPUT_SHAPE) {
    return INPUT_SHAPE.matmul(TYPE_NAME.t()).add(inferredLock);
  }
}
