package dev.lamina.shapes.rules;

/**
 * What a shape rule concludes: the result's shape, or a problem it can prove, said as a clause
 * ({@code "inUnits and units differ"}), with a hint of the likely fix where there is one
 * ({@code "weight.t()"} as "did you mean").
 *
 * @param shape the result's shape; unknown when there is a problem
 * @param problem what is provably wrong, or null
 * @param hint a fix to suggest, or null
 * @param index whether the problem is a dim or index out of range (PyTorch's {@code IndexError})
 *     rather than sizes that do not fit
 */
public record Outcome(TracedShape shape, String problem, String hint, boolean index) {
  /** A result of {@code shape}. */
  public static Outcome of(TracedShape shape) {
    return new Outcome(shape, null, null, false);
  }

  /** A result nothing is known about, and no problem. */
  public static Outcome unknown() {
    return of(TracedShape.unknown());
  }

  /** A proven problem. */
  public static Outcome problem(String problem) {
    return new Outcome(TracedShape.unknown(), problem, null, false);
  }

  /** A proven problem, with a fix to suggest. */
  public static Outcome problem(String problem, String hint) {
    return new Outcome(TracedShape.unknown(), problem, hint, false);
  }

  /** A dim or index provably out of range. */
  public static Outcome outOfRange(String problem) {
    return new Outcome(TracedShape.unknown(), problem, null, true);
  }

  /** Whether a problem is proven. */
  public boolean failed() {
    return problem != null;
  }
}
