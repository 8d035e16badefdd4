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

  /** How the values are drawn when the parameter is allocated. */
  Init init() default Init.KAIMING_UNIFORM;
}
