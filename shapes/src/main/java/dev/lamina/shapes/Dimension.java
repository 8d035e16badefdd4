package dev.lamina.shapes;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * One parsed shape entry other than {@code "..."}: a literal, a name, or integer arithmetic on
 * them. {@link Object#toString()} gives the entry back without spaces: {@code "in*in+1"}.
 *
 * <p>Evaluation is overflow-checked: a size that does not fit an {@code int}, or a division by zero,
 * throws {@link ShapeArithmeticException} instead of giving a wrapped size. {@link #evaluate} rounds
 * a division down, as {@code Math.floorDiv}, so {@code "n/2"} of 5 is 2: a checked input or output
 * shape may say so. {@link #evaluateSize} requires it to be exact, as the size of a parameter must
 * be: {@code "dim/heads"} with dim=8 and heads=3 is an error, not 2.
 */
public sealed interface Dimension {
  /** An integer literal, {@code "3"}; {@code "-3"} too, so that it can be reported as non-positive. */
  record Literal(int value) implements Dimension {
    @Override
    public String toString() {
      return Integer.toString(value);
    }
  }

  /** A name, {@code "batch"}: a hyperparameter, or a size bound by an input. */
  record Name(String name) implements Dimension {
    @Override
    public String plainName() {
      return name;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** {@code left operator right}, the operator one of {@code + - * /}. */
  record Arithmetic(char operator, Dimension left, Dimension right) implements Dimension {
    @Override
    public String toString() {
      return left + String.valueOf(operator) + right;
    }
  }

  /** {@code "(" inner ")"}, kept so that the entry prints as written. */
  record Parenthesized(Dimension inner) implements Dimension {
    @Override
    public String toString() {
      return "(" + inner + ")";
    }
  }

  /** The name when the entry is just a name ({@code "batch"}), else null; only such entries bind. */
  default String plainName() {
    return null;
  }

  /** Every name used, in order of first appearance. */
  default Set<String> names() {
    Set<String> out = new LinkedHashSet<>();
    Evaluation.collect(this, out, null);
    return out;
  }

  /** Every literal used, in order of first appearance, so that non-positive ones can be reported. */
  default Set<Integer> literals() {
    Set<Integer> out = new LinkedHashSet<>();
    Evaluation.collect(this, null, out);
    return out;
  }

  /**
   * The value with each name looked up in {@code sizes}, or null while a name it uses is unbound
   * ({@code sizes} returns null for it). Throws {@link ShapeArithmeticException} when the value, or
   * a step on the way to it, does not fit an {@code int}, or divides by zero; its message names the
   * entry and the values of its names: {@code n*n*n with n=1626 is 4298942376, more than an int holds}.
   */
  default Integer evaluate(Function<String, Integer> sizes) {
    return Evaluation.evaluate(this, sizes, false);
  }

  /**
   * The value as the size of an allocated dimension: as {@link #evaluate}, except that a division
   * that leaves a remainder throws {@link ShapeArithmeticException}, naming both sides and their
   * values: {@code dim=8 is not divisible by heads=3}.
   */
  default Integer evaluateSize(Function<String, Integer> sizes) {
    return Evaluation.evaluate(this, sizes, true);
  }
}
