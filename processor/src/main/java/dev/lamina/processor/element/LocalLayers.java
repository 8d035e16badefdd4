package dev.lamina.processor.element;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;

/**
 * Finds {@code @Layer} on classes declared inside a method or block. javac hands no processor the
 * annotations of such a class, so without this a local layer would be silently ignored; they are
 * found in the source trees, by the annotation's name as written and the file's imports.
 */
public final class LocalLayers {
  /** A local class annotated {@code @Layer}: where the annotation is, and where the class is. */
  public record LocalLayer(TreePath annotation, String className, String enclosing) {}

  private final Trees trees;

  private LocalLayers(Trees trees) {
    this.trees = trees;
  }

  /** Local layers found in javac's {@code trees}; with null (another compiler), none are found. */
  public static LocalLayers of(Trees trees) {
    return new LocalLayers(trees);
  }

  /** The local layers in the source of {@code root}. */
  public List<LocalLayer> in(Element root) {
    List<LocalLayer> out = new ArrayList<>();
    TreePath path = trees == null ? null : trees.getPath(root);
    if (path == null) {
      return out;
    }
    CompilationUnitTree unit = path.getCompilationUnit();
    new TreePathScanner<Void, String>() {
      @Override
      public Void visitMethod(MethodTree method, String enclosing) {
        String name = method.getName().toString();
        return super.visitMethod(method, name.equals("<init>") ? "a constructor" : name + "()");
      }

      @Override
      public Void visitBlock(BlockTree block, String enclosing) {
        boolean initializer = enclosing == null
            && getCurrentPath().getParentPath().getLeaf() instanceof ClassTree;
        return super.visitBlock(block, initializer ? "an initializer" : enclosing);
      }

      @Override
      public Void visitClass(ClassTree type, String enclosing) {
        if (enclosing != null) {
          for (AnnotationTree annotation : type.getModifiers().getAnnotations()) {
            if (namesLayer(unit, annotation.getAnnotationType().toString())) {
              out.add(new LocalLayer(new TreePath(getCurrentPath(), annotation),
                  type.getSimpleName().toString(), enclosing));
            }
          }
        }
        // A class in a method is local, and so is everything in it; a member class is not.
        return super.visitClass(type, enclosing);
      }
    }.scan(path, null);
    return out;
  }

  private static boolean namesLayer(CompilationUnitTree unit, String written) {
    if (written.equals(Names.LAYER)) {
      return true;
    }
    if (!written.equals("Layer")) {
      return false;
    }
    String pkg = Names.LAYER.substring(0, Names.LAYER.lastIndexOf('.'));
    if (unit.getPackageName() != null && unit.getPackageName().toString().equals(pkg)) {
      return true;
    }
    for (ImportTree anImport : unit.getImports()) {
      String imported = anImport.getQualifiedIdentifier().toString();
      if (!anImport.isStatic() && (imported.equals(Names.LAYER) || imported.equals(pkg + ".*"))) {
        return true;
      }
    }
    return false;
  }
}
