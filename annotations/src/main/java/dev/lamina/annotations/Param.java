package dev.lamina.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a trainable tensor of a {@link Layer}: its shape and how it is initialized.
 *
 * <p>Each entry of {@link #shape()} is one dimension: an integer literal ({@code "3"}), the name of
 * an {@code int} field of the layer (a hyperparameter, {@code "units"}), a name bound by a
 * {@link Shape} on a {@code forward} argument ({@code "in"}, inferred on the first call), or simple
 * integer arithmetic on those ({@code "n/2"}, {@code "in*in"}, {@code "units+1"}).
 *
 * <p>A parameter's sizes are checked when they are computed (at construction, or on the first call
 * for inferred names): a division must be exact, and every size must be positive and fit an
 * {@code int}. So {@code "dim/heads"} states that {@code heads} divides {@code dim}, and a layer built
 * with dim=8 and heads=3 fails with one message naming the layer, the parameter, the entry and the
 * values: {@code Attention: parameter proj, shape entry "dim/heads": dim=8 is not divisible by
 * heads=3}. (A {@link Shape} that is only checked, not allocated, rounds a division down.)
 *
 * <pre>{@code
 * @Param(shape = {"inUnits", "units"}, init = Init.NORMAL) Tensor weight;
 * @Param(shape = {"out", "in"}) Tensor weight;  // "in" bound by forward: allocated lazily
 * }</pre>
 *
 * <p>The field must be a package-private, protected or public, non-static, non-final
 * {@code dev.lamina.Tensor}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Param {
  /** The dimensions, outermost first. Must not be empty: a scalar parameter is {@code {"1"}}. */
  String[] shape();

  /**
   * How the values are drawn when the parameter is allocated. Fans are computed from the declared
   * shape in PyTorch's {@code [out, in, k...]} order. A 1-d parameter (a bias) with a fan-based
   * init ({@code XAVIER_*}, {@code KAIMING_*}) takes the fans of the layer's weight instead: the first
   * declared {@code @Param} of two or more dimensions without {@code presentIf}, as {@code nn.Linear}
   * bounds its bias by {@code 1/sqrt(in)}; such a bias is allocated together with its weight.
   */
  Init init() default Init.KAIMING_UNIFORM;

  /**
   * The name of a boolean field of the layer; when it is false the layer has no such parameter (the
   * field stays null and is not registered), as {@code nn.Linear(..., bias=False)}. Empty means always.
   *
   * <pre>{@code
   * final boolean useBias;
   * @Param(shape = {"outFeatures"}, presentIf = "useBias") Tensor bias;
   * }</pre>
   */
  String presentIf() default "";
}
