package dev.lamina.annotations;

/**
 * The element type of a tensor, under PyTorch's names: {@code torch.float32}, {@code torch.int64},
 * {@code torch.bool}. Files store them as safetensors' {@code F32}, {@code I64} and {@code BOOL}.
 */
public enum DType {
  /** 32-bit IEEE float, the type of every parameter and of the values ops compute. */
  FLOAT32,
  /** 64-bit signed integer: indices, counters such as BatchNorm's {@code num_batches_tracked}. */
  INT64,
  /** True or false: masks. */
  BOOL
}
