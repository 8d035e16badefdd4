package dev.lamina.processor.element;

import com.sun.source.util.Trees;
import javax.lang.model.element.Element;

/**
 * Tells whether an element comes from a source file of this compilation, so that an error can point
 * at it; an element read from a class file has no position, and an error on it would print without
 * a file or line.
 */
public final class SourceLocations {
  private final Trees trees;

  private SourceLocations(Trees trees) {
    this.trees = trees;
  }

  /** Source positions from javac's {@code trees}; with null (another compiler), nothing counts as pointable. */
  public static SourceLocations of(Trees trees) {
    return new SourceLocations(trees);
  }

  /** Whether an error on {@code element} would show its file and line. */
  public boolean isInSource(Element element) {
    return trees != null && trees.getPath(element) != null;
  }
}
