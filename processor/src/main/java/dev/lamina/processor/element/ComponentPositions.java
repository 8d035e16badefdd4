package dev.lamina.processor.element;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.List;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.RecordComponentElement;

/**
 * Where a record component is in the source. javac's {@code Messager} cannot place a message on a
 * record component (it prints one with no file), so messages about one are printed on its tree:
 * the entry of its {@code @Shape} when there is one, else the component's declaration.
 */
public final class ComponentPositions {
  private ComponentPositions() {}

  /**
   * The tree for a message on {@code component} about {@code value} (an entry of its
   * {@code @Shape}, or null), as a path whose compilation unit holds it; null when not found.
   */
  public static TreePath find(Trees trees, RecordComponentElement component,
      AnnotationValue value) {
    Element record = component.getEnclosingElement();
    TreePath recordPath = record == null ? null : trees.getPath(record);
    if (recordPath == null || !(recordPath.getLeaf() instanceof ClassTree type)) {
      return null;
    }
    for (Tree member : type.getMembers()) {
      if (member instanceof VariableTree variable
          && variable.getName().contentEquals(component.getSimpleName())) {
        TreePath declaration = new TreePath(recordPath, variable);
        Tree entry = value == null ? null : entry(variable, value);
        return entry == null ? declaration : new TreePath(declaration, entry);
      }
    }
    return null;
  }

  /** The string literal among the component's annotation arguments that is {@code value}. */
  private static Tree entry(VariableTree variable, AnnotationValue value) {
    for (AnnotationTree annotation : variable.getModifiers().getAnnotations()) {
      for (ExpressionTree argument : annotation.getArguments()) {
        ExpressionTree expression = argument instanceof AssignmentTree assignment
            ? assignment.getExpression() : argument;
        List<? extends ExpressionTree> items = expression instanceof NewArrayTree array
            && array.getInitializers() != null ? array.getInitializers() : List.of(expression);
        for (ExpressionTree item : items) {
          if (item instanceof LiteralTree literal && value.getValue().equals(literal.getValue())) {
            return literal;
          }
        }
      }
    }
    return null;
  }
}
