package dev.lamina.processor.body;

import com.sun.source.tree.Tree;
import dev.lamina.processor.validation.Diagnostic;
import java.util.List;

/**
 * A shape mistake proven in the body of {@code forward}: the expression it is on, and the message.
 *
 * @param tree the offending expression or statement
 * @param diagnostic what kind of mistake
 * @param arguments the message's arguments
 */
public record BodyFinding(Tree tree, Diagnostic diagnostic, List<Object> arguments) {
  /** The complete message, tag first. */
  public String message() {
    return diagnostic.format(arguments.toArray());
  }
}
