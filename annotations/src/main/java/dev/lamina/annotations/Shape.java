package dev.lamina.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the symbolic shape of a {@code forward} argument, or, on the method, of its result, or,
 * on a component of the record forward returns, of that component.
 *
 * <p>Entries are integer literals, hyperparameter names ({@code int} fields of the layer), new names
 * that the call binds ({@code "batch"}), arithmetic on names ({@code "n/2"}), or {@code "..."} as the
 * first entry to match any number of leading dimensions. A name bound twice must be bound to the same
 * size each time; a hyperparameter must equal its field's value. A division rounds down here, so
 * that {@code "n/2"} can describe half of an odd length; in a {@link Param} shape it must be exact.
 *
 * <pre>{@code
 * @Shape({"batch", "units"})
 * public Tensor forward(@Shape({"batch", "inUnits"}) Tensor x) { ... }
 *
 * @Shape({"...", "n/2", "2"})
 * public Tensor forward(@Shape({"...", "n"}) Tensor x) { ... }
 * }</pre>
 *
 * <p>{@code forward} may take several tensors, each with its own {@code @Shape}; a name bound by
 * one is checked in the others:
 *
 * <pre>{@code
 * public Tensor forward(@Shape({"batch", "in"}) Tensor x, @Shape({"batch", "hidden"}) Tensor h) { ... }
 * }</pre>
 *
 * <p>{@code forward} may return a record of tensors instead, each component with its own
 * {@code @Shape}, all checked after the call; a component without one is not checked. Such a
 * forward takes several tensors, and is called by its own signature ({@code forward(Tensor)} of
 * every module returns one tensor):
 *
 * <pre>{@code
 * public record State(@Shape({"batch", "hidden"}) Tensor h, @Shape({"batch", "hidden"}) Tensor c) {}
 *
 * public State forward(@Shape({"batch", "in"}) Tensor x, @Shape({"batch", "hidden"}) Tensor h,
 *     @Shape({"batch", "hidden"}) Tensor c) { ... }
 * }</pre>
 *
 * <p>A mismatch throws at run time, naming the layer, the argument, the declared shape with what
 * each name is bound to, and the shape that came in:
 * {@code MyLinear.forward: x has shape [2, 4], expected [batch, inUnits=5]}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface Shape {
  /** The dimensions, outermost first. */
  String[] value();

  /**
   * Whether the argument may be null, as {@code mask=None} in PyTorch: a null skips its check, a
   * tensor is checked as any other. For arguments and for components of a returned record, not for
   * forward itself; a null where it is not optional is an error naming the layer and the argument
   * or component.
   *
   * <pre>{@code
   * public Tensor forward(@Shape({"batch", "seq", "d"}) Tensor x,
   *     @Shape(value = {"batch", "seq"}, optional = true) Tensor mask) { ... }
   * }</pre>
   */
  boolean optional() default false;
}
