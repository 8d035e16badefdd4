package dev.lamina.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a layer whose plumbing Lamina generates at compile time.
 *
 * <p>The processor writes a concrete subclass {@code Lamina_<Name>} (for a nested class,
 * {@code Lamina_<Outer>_<Name>}) in the same package. It registers the {@link Param} fields and
 * child modules, allocates and initializes every parameter whose shape is known, checks the
 * {@link Shape} of every {@code forward} argument and of the result, and registers a factory so
 * that a saved model can be rebuilt from its file.
 *
 * <pre>{@code
 * @Layer
 * public abstract class MyLinear extends Module {
 *   final int inUnits;
 *   final int units;
 *   @Param(shape = {"inUnits", "units"}, init = Init.NORMAL) Tensor weight;
 *   @Param(shape = {"units"}, init = Init.NORMAL) Tensor bias;
 *
 *   MyLinear(int inUnits, int units) { this.inUnits = inUnits; this.units = units; }
 *
 *   public static MyLinear create(int inUnits, int units) {
 *     return new Lamina_MyLinear(inUnits, units);
 *   }
 *
 *   @Override
 *   public Tensor forward(@Shape({"batch", "inUnits"}) Tensor x) {
 *     return x.matmul(weight).add(bias).relu();
 *   }
 * }
 * }</pre>
 *
 * <p>A layer with parameters must be abstract, so that only the generated subclass can be built.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Layer {
  /**
   * The name under which the layer is registered for rebuilding from a file. Empty means the
   * class's canonical name. Set it to keep old files loadable after moving or renaming the class.
   */
  String name() default "";
}
