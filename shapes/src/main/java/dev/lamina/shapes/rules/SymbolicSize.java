package dev.lamina.shapes.rules;

import dev.lamina.shapes.Dimension;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One dimension as a checker knows it before any value is: a sum of products of names with integer
 * coefficients ({@code 3*hidden}, {@code in*in+1}, {@code 8}), or unknown. Two sizes are compared by
 * their normal forms, so {@code n+n} is {@code 2*n}. A division is kept whole, as an atom of its own
 * written form ({@code dim/heads}), since its value depends on rounding; an expression with one is
 * never provably different from another, only the same as itself.
 *
 * <p>The question a rule asks is {@link #differsFrom}: whether two sizes must be different for the
 * layer to be correct in general. Distinct names are distinct symbols: {@code units} and
 * {@code inUnits} differ, even though a layer built with equal values would run; that is the mistake
 * a checker is for. A name and a literal do not differ provably ({@code channels} may well be 3),
 * nor does anything and an unknown size.
 */
public final class SymbolicSize {
  private static final SymbolicSize UNKNOWN = new SymbolicSize(null, "?");

  /** Monomial (sorted names joined by '*', "" for the constant) to coefficient; null when unknown. */
  private final Map<String, Long> terms;
  private final String text;

  private SymbolicSize(Map<String, Long> terms, String text) {
    this.terms = terms;
    this.text = text;
  }

  /** A size nothing is known about. */
  public static SymbolicSize unknown() {
    return UNKNOWN;
  }

  /** The literal {@code value}. */
  public static SymbolicSize of(long value) {
    Map<String, Long> terms = new TreeMap<>();
    if (value != 0) {
      terms.put("", value);
    }
    return new SymbolicSize(terms, Long.toString(value));
  }

  /** The name {@code name}: a hyperparameter, or a size an input binds. */
  public static SymbolicSize named(String name) {
    Map<String, Long> terms = new TreeMap<>();
    terms.put(name, 1L);
    return new SymbolicSize(terms, name);
  }

  /** A declared shape entry, in normal form; its text as written. */
  public static SymbolicSize of(Dimension dimension) {
    Map<String, Long> terms = normalForm(dimension);
    return terms == null ? UNKNOWN : new SymbolicSize(terms, dimension.toString());
  }

  /** Whether anything is known about this size. */
  public boolean isKnown() {
    return terms != null;
  }

  /** The value, when the size is a literal; else null. */
  public Long literal() {
    if (terms == null || !names().isEmpty()) {
      return null;
    }
    return terms.getOrDefault("", 0L);
  }

  private java.util.Set<String> names() {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (String monomial : terms.keySet()) {
      if (!monomial.isEmpty()) {
        out.add(monomial);
      }
    }
    return out;
  }

  private boolean hasDivision() {
    for (String monomial : terms.keySet()) {
      if (monomial.contains("/")) {
        return true;
      }
    }
    return false;
  }

  /** Whether this size and {@code other} are the same expression, in normal form. */
  public boolean sameAs(SymbolicSize other) {
    return terms != null && other.terms != null && terms.equals(other.terms);
  }

  /**
   * Whether this size and {@code other} must differ: two literals of other values, two expressions
   * that differ by a constant ({@code n} and {@code n+1}), or two expressions over names that are
   * not the same ({@code units} and {@code inUnits}). Not when either is unknown, nor between a
   * literal and an expression over names.
   */
  public boolean differsFrom(SymbolicSize other) {
    if (terms == null || other.terms == null || terms.equals(other.terms)) {
      return false;
    }
    boolean mine = !names().isEmpty();
    boolean theirs = !other.names().isEmpty();
    if (mine != theirs) {
      return false;
    }
    // A division is exact in a declared size and rounds in a checked one: (n/2)*2 may be n.
    return !hasDivision() && !other.hasDivision();
  }

  /** Whether this size is the literal 1, which broadcasts. */
  public boolean isOne() {
    Long value = literal();
    return value != null && value == 1;
  }

  /** The sum of this size and {@code other}, unknown if either is. */
  public SymbolicSize plus(SymbolicSize other) {
    if (terms == null || other.terms == null) {
      return UNKNOWN;
    }
    if (terms.isEmpty()) {
      return other;
    }
    if (other.terms.isEmpty()) {
      return this;
    }
    Map<String, Long> out = new TreeMap<>(terms);
    for (Map.Entry<String, Long> term : other.terms.entrySet()) {
      out.merge(term.getKey(), term.getValue(), Math::addExact);
    }
    out.values().removeIf(v -> v == 0);
    Long value = names().isEmpty() && other.names().isEmpty()
        ? out.getOrDefault("", 0L) : null;
    return new SymbolicSize(out, value != null ? Long.toString(value) : text + "+" + other.text);
  }

  /** The product of this size and {@code other}, unknown if either is. */
  public SymbolicSize times(SymbolicSize other) {
    if (terms == null || other.terms == null) {
      return UNKNOWN;
    }
    Map<String, Long> out = new TreeMap<>();
    for (Map.Entry<String, Long> a : terms.entrySet()) {
      for (Map.Entry<String, Long> b : other.terms.entrySet()) {
        String monomial = multiply(a.getKey(), b.getKey());
        long coefficient = Math.multiplyExact(a.getValue(), b.getValue());
        out.merge(monomial, coefficient, Math::addExact);
      }
    }
    out.values().removeIf(v -> v == 0);
    Long value = literal() != null && other.literal() != null ? out.getOrDefault("", 0L) : null;
    String written = value != null ? Long.toString(value) : isOne() ? other.text
        : other.isOne() ? text : wrap(text) + "*" + wrap(other.text);
    return new SymbolicSize(out, written);
  }

  private static String wrap(String text) {
    return text.contains("+") || text.contains("-") ? "(" + text + ")" : text;
  }

  private static String multiply(String a, String b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    String[] names = (a + "*" + b).split("\\*");
    java.util.Arrays.sort(names);
    return String.join("*", names);
  }

  private static Map<String, Long> normalForm(Dimension dimension) {
    try {
      if (dimension instanceof Dimension.Literal literal) {
        return of(literal.value()).terms;
      }
      if (dimension instanceof Dimension.Name name) {
        return named(name.name()).terms;
      }
      if (dimension instanceof Dimension.Parenthesized parenthesized) {
        return normalForm(parenthesized.inner());
      }
      return combine((Dimension.Arithmetic) dimension);
    } catch (ArithmeticException overflow) {
      return null;
    }
  }

  private static Map<String, Long> combine(Dimension.Arithmetic arithmetic) {
    if (arithmetic.operator() == '/') {
      Map<String, Long> atom = new TreeMap<>();
      atom.put("(" + arithmetic + ")", 1L);
      return atom;
    }
    Map<String, Long> left = normalForm(arithmetic.left());
    Map<String, Long> right = normalForm(arithmetic.right());
    if (left == null || right == null) {
      return null;
    }
    if (arithmetic.operator() == '*') {
      return new SymbolicSize(left, "").times(new SymbolicSize(right, "")).terms;
    }
    Map<String, Long> out = new TreeMap<>(left);
    long sign = arithmetic.operator() == '-' ? -1 : 1;
    for (Map.Entry<String, Long> term : right.entrySet()) {
      out.merge(term.getKey(), Math.multiplyExact(sign, term.getValue()), Math::addExact);
    }
    out.values().removeIf(v -> v == 0);
    return out;
  }

  /** The size as written where it was declared ({@code 3*hidden}), or {@code ?} when unknown. */
  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SymbolicSize size && Objects.equals(terms, size.terms)
        && (terms != null || size.terms == null);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(terms);
  }
}
