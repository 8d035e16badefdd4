package dev.lamina.kernels;

/**
 * The error function, the hyperbolic tangent and the logistic function in float precision, in
 * arithmetic alone, so that a loop over them compiles to vector instructions: each is a rational
 * function {@code x P(x²) / Q(x²)} fitted by {@code fixtures/math/fit_rational.py} on a clamped
 * argument, within {@code 5e-7} of the true value relatively.
 *
 * <p>{@code Math.tanh} is no intrinsic and costs about 45 ns here, and an erf from a series or a
 * Chebyshev expansion in double costs 20 ns; these cost under 1 ns in a loop.
 */
public final class MathFunctions {
  // erf x ~ x P(x²) / Q(x²) on [-4, 4], from fixtures/math/fit_rational.py.
  private static final float ERF_CLAMP = 4f;
  private static final float ERF_P0 = 1.128379150e+00f;
  private static final float ERF_P1 = 1.968996551e-01f;
  private static final float ERF_P2 = 5.014918076e-02f;
  private static final float ERF_P3 = 3.565469582e-03f;
  private static final float ERF_P4 = 1.380462468e-04f;
  private static final float ERF_P5 = -1.930982520e-06f;
  private static final float ERF_P6 = 1.976405453e-08f;
  private static final float ERF_Q1 = 5.078301317e-01f;
  private static final float ERF_Q2 = 1.137264305e-01f;
  private static final float ERF_Q3 = 1.408102879e-02f;
  private static final float ERF_Q4 = 9.213949954e-04f;

  // tanh x ~ x P(x²) / Q(x²) on [-9, 9], from fixtures/math/fit_rational.py.
  private static final float TANH_CLAMP = 9f;
  private static final float TANH_P0 = 9.999999836e-01f;
  private static final float TANH_P1 = 1.293653341e-01f;
  private static final float TANH_P2 = 2.939184171e-03f;
  private static final float TANH_P3 = 9.431485112e-06f;
  private static final float TANH_P4 = -1.325474696e-08f;
  private static final float TANH_P5 = 1.941835674e-11f;
  private static final float TANH_Q1 = 4.626984026e-01f;
  private static final float TANH_Q2 = 2.383908860e-02f;
  private static final float TANH_Q3 = 2.306202230e-04f;

  private MathFunctions() {}

  /**
   * The error function {@code erf x = 2/sqrt(pi) ∫_0^x e^(-t²) dt} in float precision, within
   * {@code 5e-7} of it relatively: {@code x P(x²) / Q(x²)} on {@code x} clamped to {@code [-4, 4]}
   * (beyond, erf is 1 in float). Never beyond ±1; NaN stays NaN, -0 stays -0.
   */
  public static float erf(float x) {
    float v = Math.max(-ERF_CLAMP, Math.min(ERF_CLAMP, x));
    float s = v * v;
    float p = ERF_P0 + s * (ERF_P1 + s * (ERF_P2 + s * (ERF_P3 + s * (ERF_P4 + s * (ERF_P5
        + s * ERF_P6)))));
    float q = 1f + s * (ERF_Q1 + s * (ERF_Q2 + s * (ERF_Q3 + s * ERF_Q4)));
    return Math.max(-1f, Math.min(1f, v * p / q));
  }

  /**
   * The hyperbolic tangent in float precision, within {@code 4e-7} of it relatively: the rational
   * function {@code x P(x²) / Q(x²)} fitted by {@code fixtures/math/fit_rational.py}, on {@code x}
   * clamped to {@code [-9, 9]} (beyond, tanh is 1 in float). Arithmetic only, so a loop over it
   * compiles to vector instructions. Never beyond ±1; NaN stays NaN, infinities give ±1, -0
   * stays -0.
   */
  public static float tanh(float x) {
    float v = Math.max(-TANH_CLAMP, Math.min(TANH_CLAMP, x));
    float s = v * v;
    float p = TANH_P0 + s * (TANH_P1 + s * (TANH_P2 + s * (TANH_P3 + s * (TANH_P4 + s * TANH_P5))));
    float q = 1f + s * (TANH_Q1 + s * (TANH_Q2 + s * TANH_Q3));
    // The fit overshoots 1 by up to 2e-7 near the clamp; tanh never does.
    return Math.max(-1f, Math.min(1f, v * p / q));
  }

  /**
   * The logistic function {@code 1 / (1 + e^-x) = (1 + tanh(x / 2)) / 2}, within {@code 3e-7}
   * absolutely: for gates, where only absolute error matters (far below {@code x = -15} it is
   * about {@code 2e-7} where the true value is near 0). The sigmoid op keeps the exact formula.
   */
  public static float sigmoid(float x) {
    return 0.5f + 0.5f * tanh(0.5f * x);
  }
}
