package dev.lamina;

/**
 * How {@link Tensor#pad} fills the positions it adds, PyTorch's {@code mode} of {@code F.pad}. For
 * {@code [1, 2, 3]} padded by two on each side:
 *
 * <ul>
 *   <li>{@code CONSTANT}: a given value, {@code [v, v, 1, 2, 3, v, v]};
 *   <li>{@code REFLECT}: the mirror image without repeating the edge, {@code [3, 2, 1, 2, 3, 2, 1]}
 *       (each pad must be smaller than its dimension);
 *   <li>{@code REPLICATE}: the edge value repeated, {@code [1, 1, 1, 2, 3, 3, 3]}.
 * </ul>
 */
public enum PaddingMode {
  CONSTANT,
  REFLECT,
  REPLICATE
}
