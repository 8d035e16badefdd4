package dev.lamina.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a tensor of a {@link Layer} that is state but not trained, as PyTorch's
 * {@code register_buffer}: BatchNorm's running statistics. A buffer is allocated with the layer,
 * saved and loaded with the parameters under the field's name in PyTorch's spelling
 * ({@code runningMean} is {@code running_mean}), listed by {@code stateDict()} and
 * {@code namedBuffers()}, but never by {@code parameters()}, and it never requires a gradient.
 *
 * <p>Its {@link #shape()} follows the grammar of {@link Param#shape()}, and may be empty for a 0-d
 * tensor, as {@code num_batches_tracked}:
 *
 * <pre>{@code
 * @Buffer(shape = {"numFeatures"}) Tensor runningMean;
 * @Buffer(shape = {"numFeatures"}, init = Init.ONES) Tensor runningVar;
 * @Buffer(shape = {}, dtype = DType.INT64) Tensor numBatchesTracked;
 * @Buffer(shape = {"maxLen", "maxLen"}, persistent = false) Tensor causalMask;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Buffer {
  /** The dimensions, outermost first; empty for a 0-d tensor. */
  String[] shape();

  /** The initial values: {@link Init#ZEROS} or {@link Init#ONES}; a buffer is not drawn at random. */
  Init init() default Init.ZEROS;

  /** The element type; an {@link DType#INT64} buffer holds integers, as PyTorch's counters do. */
  DType dtype() default DType.FLOAT32;

  /**
   * Whether the buffer is saved and loaded, as {@code register_buffer(..., persistent=False)}:
   * false keeps it out of {@code stateDict()} and files (a mask rebuilt from the config).
   */
  boolean persistent() default true;

  /**
   * As {@link Param#presentIf()}: the name of a boolean field; when it is false the layer has no
   * such buffer (BatchNorm with {@code track_running_stats=False}). Empty means always.
   */
  String presentIf() default "";
}
