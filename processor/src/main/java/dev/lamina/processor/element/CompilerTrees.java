package dev.lamina.processor.element;

import com.sun.source.util.Trees;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * javac's source trees, looked up once for the whole processor. Local layers, positions on record
 * components and the checks of forward's body read the source through them; only javac has them.
 * With another compiler (Eclipse's: {@code Trees.instance} refuses its environment) they are null,
 * and each of those features does without.
 */
public final class CompilerTrees {
  private CompilerTrees() {}

  /** The trees of the compilation {@code environment} belongs to, or null when it is not javac's. */
  public static Trees of(ProcessingEnvironment environment) {
    try {
      return Trees.instance(environment);
    } catch (IllegalArgumentException | LinkageError notJavac) {
      // LinkageError: a JVM without the jdk.compiler module has no com.sun.source at all.
      return null;
    }
  }
}
