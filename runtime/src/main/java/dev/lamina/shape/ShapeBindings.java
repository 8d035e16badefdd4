package dev.lamina.shape;

import dev.lamina.Tensor;
import dev.lamina.shapes.SizeBindings;
import java.util.List;

/**
 * The sizes that the names of {@link SymbolicShape}s are bound to during one call of a layer's
 * {@code forward}: hyperparameters first, then what the argument binds, checked against the result.
 *
 * <pre>{@code
 * ShapeBindings shapes = new ShapeBindings("MyLinear.forward");
 * shapes.bind("inUnits", 5);
 * shapes.check("x", x, SymbolicShape.of("batch", "inUnits"));
 * // x of shape [2, 4] throws: MyLinear.forward: x has shape [2, 4], expected [batch, inUnits=5]
 * }</pre>
 *
 * <p>Generated code makes one per call, so it needs no locking. The matching and the
 * overflow-checked arithmetic are {@code lamina-shapes}' {@link SizeBindings}.
 */
public final class ShapeBindings extends SizeBindings {
  private final String where;

  /** Bindings for the call named {@code where}, as errors will name it: {@code MyLinear.forward}. */
  public ShapeBindings(String where) {
    super(where);
    this.where = where;
  }

  @Override
  public ShapeBindings bind(String name, int size) {
    super.bind(name, size);
    return this;
  }

  /**
   * Checks that {@code tensor} has {@code shape}, binding its unbound names; on a mismatch throws a
   * {@link ShapeMismatchException} that shows the declared shape as it was bound before this check.
   */
  public void check(String argument, Tensor tensor, SymbolicShape shape) {
    String mismatch = mismatch(argument, tensor.shape(), shape.declared());
    if (mismatch != null) {
      // SizeBindings puts the place first, "where: ", as its every message; the exception keeps
      // the rest apart so that a layer's path can go in front of the layer's name.
      String prefix = where + ": ";
      throw new ShapeMismatchException(where,
          mismatch.startsWith(prefix) ? mismatch.substring(prefix.length()) : mismatch);
    }
  }

  /** {@link SizeBindings#resolve} of a symbolic shape: {@code [batch, 8]}. */
  public List<String> resolve(SymbolicShape shape) {
    return resolve(shape.declared());
  }
}
