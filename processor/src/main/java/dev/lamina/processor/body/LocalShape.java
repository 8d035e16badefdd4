package dev.lamina.processor.body;

import com.sun.source.tree.Tree;
import dev.lamina.processor.validation.Diagnostic;
import dev.lamina.shapes.rules.TracedShape;

/**
 * The shape a local tensor of {@code forward} holds where it is set, as the body checks inferred
 * it: printed for {@code -Alamina.shapes=verbose}.
 *
 * @param tree the declaration or assignment that sets it
 * @param name the local's name
 * @param shape its shape there, maybe unknown
 */
public record LocalShape(Tree tree, String name, TracedShape shape) {
  /**
   * {@code [ShapeOfLocal] h: [batch, units]}; {@code unknown} when nothing is known, which tells
   * the reader that nothing below that line is checked through {@code h}.
   */
  public String message() {
    return Diagnostic.SHAPE_OF_LOCAL.format(name, shape.isKnown() ? shape : "unknown");
  }
}
