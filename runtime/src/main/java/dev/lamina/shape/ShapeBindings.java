package dev.lamina.shape;

import dev.lamina.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

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
 * <p>Generated code makes one per call, so it needs no locking.
 */
public final class ShapeBindings {
  private final String where;
  // A handful of names per call: parallel arrays and a linear search beat a map, and a call that
  // checks small tensors is dominated by exactly this bookkeeping.
  private String[] names = new String[8];
  private int[] sizes = new int[8];
  private int count;
  private final Function<String, Integer> lookup = this::valueOf;

  /** Bindings for the call named {@code where}, as errors will name it: {@code MyLinear.forward}. */
  public ShapeBindings(String where) {
    this.where = where;
  }

  /** Binds {@code name} to a known size: a hyperparameter, or a size read off an allocated parameter. */
  public ShapeBindings bind(String name, int size) {
    int at = indexOf(name);
    if (at >= 0) {
      sizes[at] = size;
    } else {
      append(name, size);
    }
    return this;
  }

  /** The size {@code name} is bound to; throws when it is not bound. */
  public int get(String name) {
    int at = indexOf(name);
    if (at < 0) {
      throw new IllegalStateException(where + ": " + name + " is not bound; bound are " + this);
    }
    return sizes[at];
  }

  /** The size {@code name} is bound to, or null. */
  Integer valueOf(String name) {
    int at = indexOf(name);
    return at < 0 ? null : sizes[at];
  }

  /**
   * Checks that {@code tensor} has {@code shape}, binding its unbound names; on a mismatch throws a
   * {@link ShapeMismatchException} that shows the declared shape as it was bound before this check.
   */
  public void check(String argument, Tensor tensor, SymbolicShape shape) {
    int[] actual = tensor.shape();
    if (!shape.acceptsRank(actual.length)) {
      throw mismatch(argument, actual, shape);
    }
    List<DimensionExpression> dimensions = shape.dimensions();
    int first = actual.length - dimensions.size();
    int before = count;
    // Names bind before arithmetic is checked, so "n/2" may come before "n" in the same shape.
    for (int i = 0; i < dimensions.size(); i++) {
      String name = dimensions.get(i).plainName();
      if (name == null) {
        continue;
      }
      int at = indexOf(name);
      if (at < 0) {
        append(name, actual[first + i]);
      } else if (at >= before && sizes[at] != actual[first + i]) {
        throw rollBack(before, argument, actual, shape);
      }
    }
    for (int i = 0; i < dimensions.size(); i++) {
      Integer expected = dimensions.get(i).evaluate(lookup);
      if (expected == null || expected != actual[first + i]) {
        throw rollBack(before, argument, actual, shape);
      }
    }
  }

  /** Forgets what the failed check bound, so that the message shows the bindings from before it. */
  private ShapeMismatchException rollBack(int before, String argument, int[] actual,
      SymbolicShape shape) {
    count = before;
    return mismatch(argument, actual, shape);
  }

  private ShapeMismatchException mismatch(String argument, int[] actual, SymbolicShape shape) {
    return new ShapeMismatchException(where + ": " + argument + " has shape "
        + Arrays.toString(actual) + ", expected " + shape.describe(this));
  }

  private int indexOf(String name) {
    for (int i = 0; i < count; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private void append(String name, int size) {
    if (count == names.length) {
      names = Arrays.copyOf(names, count * 2);
      sizes = Arrays.copyOf(sizes, count * 2);
    }
    names[count] = name;
    sizes[count] = size;
    count++;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(where).append(" {");
    for (int i = 0; i < count; i++) {
      out.append(i == 0 ? "" : ", ").append(names[i]).append('=').append(sizes[i]);
    }
    return out.append('}').toString();
  }
}
