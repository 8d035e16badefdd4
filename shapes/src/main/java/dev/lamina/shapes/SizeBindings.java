package dev.lamina.shapes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The sizes that the names of declared shapes are bound to in one place, such as one call of a
 * layer's {@code forward}: hyperparameters first, then what the inputs bind, checked against what
 * comes after. Every error names that place, as given to the constructor.
 *
 * <pre>{@code
 * SizeBindings shapes = new SizeBindings("MyLinear.forward");
 * shapes.bind("inUnits", 5);
 * shapes.mismatch("x", new int[] {2, 4}, DeclaredShape.of("batch", "inUnits"));
 * // "MyLinear.forward: x has shape [2, 4], expected [batch, inUnits=5]"
 * }</pre>
 *
 * <p>Not thread-safe: one instance serves one call.
 */
public class SizeBindings {
  private final String where;
  // A handful of names per call: parallel arrays and a linear search beat a map, and a call that
  // checks small tensors is dominated by exactly this bookkeeping.
  private String[] names = new String[8];
  private int[] sizes = new int[8];
  private int count;
  /** {@link #valueOf} as a function, made when arithmetic first needs it. */
  private Function<String, Integer> lookup;

  /** Bindings for the place named {@code where}, as errors will name it: {@code MyLinear.forward}. */
  public SizeBindings(String where) {
    this.where = where;
  }

  /** Binds {@code name} to a known size: a hyperparameter, or a size read off an allocated parameter. */
  public SizeBindings bind(String name, int size) {
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
  public Integer valueOf(String name) {
    int at = indexOf(name);
    return at < 0 ? null : sizes[at];
  }

  /**
   * Null when sizes {@code actual} have {@code shape}, binding its unbound names; else the message
   * that says so, showing the declared shape as it was bound before this check (what the failed
   * check would have bound is forgotten). A size that overflows an int never matches.
   */
  public String mismatch(String argument, int[] actual, DeclaredShape shape) {
    if (!shape.acceptsRank(actual.length)) {
      return message(argument, actual, shape, "");
    }
    List<Dimension> dimensions = shape.dimensions();
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
        count = before;
        return message(argument, actual, shape, "");
      }
    }
    for (int i = 0; i < dimensions.size(); i++) {
      Dimension dimension = dimensions.get(i);
      String name = dimension.plainName();
      if (name != null || dimension instanceof Dimension.Literal) {
        // Bound by now, or a number: compared without boxing, as most entries are.
        int size = name != null ? sizes[indexOf(name)] : ((Dimension.Literal) dimension).value();
        if (size != actual[first + i]) {
          count = before;
          return message(argument, actual, shape, "");
        }
        continue;
      }
      Integer expected;
      try {
        expected = dimension.evaluate(lookup());
      } catch (ShapeArithmeticException overflow) {
        count = before;
        return message(argument, actual, shape, ", but " + overflow.getMessage());
      }
      if (expected == null || expected != actual[first + i]) {
        count = before;
        return message(argument, actual, shape, "");
      }
    }
    return null;
  }

  /**
   * The sizes of the parameter {@code parameter} declared as {@code entries}, every name bound;
   * throws {@link ShapeArithmeticException} naming this place, the parameter, the entry and the
   * values when a size does not fit an int, a division in it is not exact, or it is not positive:
   * {@code Attention: parameter proj, shape entry "dim/heads": dim=8 is not divisible by heads=3}.
   */
  public int[] sizes(String parameter, String... entries) {
    return sizesOf("parameter " + parameter, entries);
  }

  /** As {@link #sizes}, for the buffer {@code buffer}: its errors name it a buffer. */
  public int[] bufferSizes(String buffer, String... entries) {
    return sizesOf("buffer " + buffer, entries);
  }

  private int[] sizesOf(String tensor, String... entries) {
    DeclaredShape shape = DeclaredShape.of(entries);
    int[] out = new int[shape.dimensions().size()];
    for (int i = 0; i < out.length; i++) {
      Dimension dimension = shape.dimensions().get(i);
      String entry = where + ": " + tensor + ", shape entry \"" + shape.text(i) + "\"";
      Integer size;
      try {
        size = dimension.evaluateSize(lookup());
      } catch (ShapeArithmeticException invalid) {
        throw invalid.in(entry);
      }
      if (size == null) {
        for (String name : dimension.names()) {
          get(name);
        }
      }
      if (size <= 0) {
        throw new ShapeArithmeticException(entry + ": "
            + Evaluation.describeValue(dimension, lookup(), size) + ", but a size must be positive");
      }
      out[i] = size;
    }
    return out;
  }

  /**
   * The entries of {@code shape} with every entry whose names are all bound replaced by its value
   * ({@code [batch, 8]}), the others as written; {@code "..."} stays.
   */
  public List<String> resolve(DeclaredShape shape) {
    List<String> out = new ArrayList<>();
    if (shape.hasLeadingEllipsis()) {
      out.add(ShapeSyntax.ELLIPSIS);
    }
    for (int i = 0; i < shape.dimensions().size(); i++) {
      Integer value = valueOrNull(shape.dimensions().get(i));
      out.add(value == null ? shape.text(i) : String.valueOf(value));
    }
    return out;
  }

  /** The entries with what each is bound to: {@code [batch, inUnits=5]}. */
  public String describe(DeclaredShape shape) {
    List<String> parts = new ArrayList<>();
    if (shape.hasLeadingEllipsis()) {
      parts.add(ShapeSyntax.ELLIPSIS);
    }
    for (int i = 0; i < shape.dimensions().size(); i++) {
      Dimension dimension = shape.dimensions().get(i);
      Integer value = valueOrNull(dimension);
      if (value == null || dimension instanceof Dimension.Literal) {
        parts.add(shape.text(i));
      } else {
        parts.add(shape.text(i) + "=" + value);
      }
    }
    return parts.toString();
  }

  private Integer valueOrNull(Dimension dimension) {
    try {
      return dimension.evaluate(lookup());
    } catch (ShapeArithmeticException overflow) {
      return null;
    }
  }

  private String message(String argument, int[] actual, DeclaredShape shape, String reason) {
    return where + ": " + argument + " has shape " + Arrays.toString(actual) + ", expected "
        + describe(shape) + reason;
  }

  private Function<String, Integer> lookup() {
    if (lookup == null) {
      lookup = this::valueOf;
    }
    return lookup;
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
