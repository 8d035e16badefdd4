package dev.lamina.failures;

import dev.lamina.Module;
import dev.lamina.Tensor;
import dev.lamina.annotations.Init;
import dev.lamina.annotations.Layer;
import dev.lamina.annotations.Param;

/** {@code x + scale * attn(x)}: a layer with a child, whose child fails. */
@Layer
public abstract class EncoderBlock extends Module {
  final Module attn;
  @Param(shape = {"1"}, init = Init.ONES) Tensor scale;

  EncoderBlock(Module attn) {
    this.attn = attn;
  }

  public static EncoderBlock create(Module attn) {
    return new Lamina_EncoderBlock(attn);
  }

  @Override
  public Tensor forward(Tensor x) {
    return x.add(attn.forward(x).mul(scale));
  }
}
