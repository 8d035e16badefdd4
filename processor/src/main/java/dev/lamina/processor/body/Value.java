package dev.lamina.processor.body;

import dev.lamina.shapes.rules.SymbolicSize;
import dev.lamina.shapes.rules.TracedShape;
import javax.lang.model.element.TypeElement;

/** What the tracer knows about a value in {@code forward}'s body. */
sealed interface Value {
  /** Anything the tracer does not follow. */
  Value UNKNOWN = new Unknown();

  /** A value not followed. */
  record Unknown() implements Value {}

  /** A tensor, with its shape as far as known. */
  record TensorValue(TracedShape shape) implements Value {}

  /** An {@code int}, with its size as far as known: a literal, a hyperparameter, {@code x.size(0)}. */
  record IntValue(SymbolicSize size) implements Value {}

  /** A child module of the layer, of its declared type. */
  record ChildValue(TypeElement type, String name) implements Value {}

  /** A list or map of child modules, whose elements are of {@code type}. */
  record ChildCollectionValue(TypeElement type, String name) implements Value {}

  /** A string literal: an einsum equation. */
  record StringValue(String text) implements Value {}

  /** The same knowledge, or unknown: what a variable holds after two branches. */
  static Value join(Value a, Value b) {
    if (a == null || b == null) {
      return UNKNOWN;
    }
    if (a instanceof TensorValue x && b instanceof TensorValue y) {
      return x.shape().toString().equals(y.shape().toString()) && x.shape().isKnown()
          ? a : new TensorValue(TracedShape.unknown());
    }
    if (a instanceof IntValue x && b instanceof IntValue y) {
      return x.size().sameAs(y.size()) ? a : new IntValue(SymbolicSize.unknown());
    }
    return a.equals(b) ? a : UNKNOWN;
  }
}
