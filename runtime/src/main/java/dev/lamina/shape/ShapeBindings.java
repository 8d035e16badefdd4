package dev.lamina.shape;

import dev.lamina.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
  private final Map<String, Integer> values = new LinkedHashMap<>();

  /** Bindings for the call named {@code where}, as errors will name it: {@code MyLinear.forward}. */
  public ShapeBindings(String where) {
    this.where = where;
  }

  /** Binds {@code name} to a known size: a hyperparameter, or a size read off an allocated parameter. */
  public ShapeBindings bind(String name, int size) {
    values.put(name, size);
    return this;
  }

  /** The size {@code name} is bound to; throws when it is not bound. */
  public int get(String name) {
    Integer value = values.get(name);
    if (value == null) {
      throw new IllegalStateException(where + ": " + name + " is not bound; bound are " + values);
    }
    return value;
  }

  /** The size {@code name} is bound to, or null. */
  Integer valueOf(String name) {
    return values.get(name);
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
    Map<String, Integer> added = new LinkedHashMap<>();
    // Names bind before arithmetic is checked, so "n/2" may come before "n" in the same shape.
    for (int i = 0; i < dimensions.size(); i++) {
      String name = dimensions.get(i).plainName();
      if (name != null && !values.containsKey(name)) {
        Integer earlier = added.putIfAbsent(name, actual[first + i]);
        if (earlier != null && earlier != actual[first + i]) {
          throw mismatch(argument, actual, shape);
        }
      }
    }
    for (int i = 0; i < dimensions.size(); i++) {
      Integer expected = dimensions.get(i).evaluate(name -> {
        Integer bound = values.get(name);
        return bound != null ? bound : added.get(name);
      });
      if (expected == null || expected != actual[first + i]) {
        throw mismatch(argument, actual, shape);
      }
    }
    values.putAll(added);
  }

  private ShapeMismatchException mismatch(String argument, int[] actual, SymbolicShape shape) {
    return new ShapeMismatchException(where + ": " + argument + " has shape "
        + Arrays.toString(actual) + ", expected " + shape.describe(this));
  }

  @Override
  public String toString() {
    return where + " " + values;
  }
}
