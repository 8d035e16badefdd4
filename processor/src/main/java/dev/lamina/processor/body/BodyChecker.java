package dev.lamina.processor.body;

import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.lamina.processor.element.LayerMembers;
import dev.lamina.processor.model.BufferModel;
import dev.lamina.processor.model.ForwardModel;
import dev.lamina.processor.model.LayerModel;
import dev.lamina.processor.model.ParamModel;
import dev.lamina.processor.model.ShapeModel;
import dev.lamina.processor.model.TensorField;
import dev.lamina.shapes.DeclaredShape;
import dev.lamina.shapes.ShapeSyntax;
import dev.lamina.shapes.rules.SymbolicSize;
import dev.lamina.shapes.rules.TracedShape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks the body of a layer's {@code forward} for shape mistakes it can prove, from the shapes
 * the layer declares: its {@code @Param} and {@code @Buffer} fields, forward's {@code @Shape}s, its
 * int fields as distinct sizes, its children's declared shapes. It runs on a layer whose
 * declarations are valid, and reads the body through javac's trees; with another compiler, or a
 * forward whose source is not being compiled, it finds nothing. What it follows it also tells: the
 * shape of each local tensor, and the shape forward returns when the layer declares none.
 */
public final class BodyChecker {
  private final Trees trees;
  private final Types types;
  private final Elements elements;

  /** A checker reading bodies through {@code trees}; with null, one that checks nothing. */
  public BodyChecker(Trees trees, Types types, Elements elements) {
    this.trees = trees;
    this.types = types;
    this.elements = elements;
  }

  /** What the body of {@code model}'s forward shows, and where its source is. */
  public Result check(LayerModel model) {
    ForwardModel forward = model.forward();
    if (trees == null || forward.method() == null || forward.recordOutput() != null
        || !forward.method().getEnclosingElement().equals(model.element())) {
      return Result.NONE;
    }
    TreePath path = trees.getPath(forward.method());
    if (path == null || !(path.getLeaf() instanceof MethodTree method) || method.getBody() == null) {
      return Result.NONE;
    }
    ForwardTracer.Trace trace = new ForwardTracer(context(model)).trace(method.getBody());
    DeclaredShape inferred = forward.outputShape() == null ? declarable(trace.returned()) : null;
    return new Result(path, trace.findings(), trace.locals(), inferred);
  }

  /**
   * What a body shows: the mistakes proven in it, the shape of each local tensor where it is set,
   * and the shape forward returns when the layer declares none and it was proven.
   *
   * @param forward the path of forward, for the compilation unit to print messages on; null with
   *     nothing found
   * @param findings the mistakes
   * @param locals the shapes of local tensors, in the order they are set
   * @param inferredOutput the inferred result as a declaration would write it ({@code [batch,
   *     units]}), or null
   */
  public record Result(TreePath forward, List<BodyFinding> findings, List<LocalShape> locals,
      DeclaredShape inferredOutput) {
    /** Nothing read. */
    public static final Result NONE = new Result(null, List.of(), List.of(), null);
  }

  /**
   * {@code shape} as a {@code @Shape} would write it, or null when it is unknown, has a size of
   * unknown value, or a size with no written form.
   */
  private static DeclaredShape declarable(TracedShape shape) {
    if (!shape.isKnown()) {
      return null;
    }
    List<String> entries = new ArrayList<>();
    if (shape.hasOpenPrefix()) {
      entries.add(ShapeSyntax.ELLIPSIS);
    }
    for (SymbolicSize size : shape.sizes()) {
      if (!size.isKnown()) {
        return null;
      }
      entries.add(size.toString());
    }
    try {
      return DeclaredShape.of(entries.toArray(new String[0]));
    } catch (RuntimeException unwritable) {
      return null;
    }
  }

  private ForwardTracer.BodyContext context(LayerModel model) {
    Map<String, TracedShape> inputs = new LinkedHashMap<>();
    for (ForwardModel.Input input : model.forward().inputs()) {
      inputs.put(input.name(), declared(input.shape()));
    }
    Map<String, Value> fields = new HashMap<>();
    LayerMembers members = model.members();
    for (VariableElement field : members.fields()) {
      String name = field.getSimpleName().toString();
      if (field.asType().getKind() == TypeKind.INT) {
        fields.put(name, new Value.IntValue(SymbolicSize.named(name)));
      } else if (members.isModule(field.asType())) {
        Element type = types.asElement(field.asType());
        if (type instanceof TypeElement element) {
          fields.put(name, new Value.ChildValue(element, name));
        }
      }
    }
    for (LayerMembers.ChildCollection collection : model.childCollections()) {
      if (types.asElement(collection.elementType()) instanceof TypeElement element) {
        fields.put(collection.name(), new Value.ChildCollectionValue(element, collection.name()));
      }
    }
    for (ParamModel param : model.params()) {
      fields.put(param.name(), tensor(param));
    }
    for (BufferModel buffer : model.buffers()) {
      fields.put(buffer.name(), tensor(buffer));
    }
    DeclaredShape output = model.forward().outputShape() == null
        ? null : shape(model.forward().outputShape());
    Map<TypeElement, Map<Integer, Optional<ChildSignature>>> signatures = new HashMap<>();
    return new ForwardTracer.BodyContext() {
      @Override
      public Map<String, TracedShape> inputs() {
        return inputs;
      }

      @Override
      public DeclaredShape output() {
        return output;
      }

      @Override
      public Optional<Value> field(String name) {
        return Optional.ofNullable(fields.get(name));
      }

      @Override
      public Optional<ChildSignature> signature(TypeElement type, int arity) {
        return signatures.computeIfAbsent(type, key -> new HashMap<>())
            .computeIfAbsent(arity, key -> ChildSignature.of(type, arity, types, elements));
      }
    };
  }

  private static Value tensor(TensorField field) {
    return new Value.TensorValue(declared(field.shape()));
  }

  private static TracedShape declared(ShapeModel shape) {
    DeclaredShape parsed = shape == null ? null : shape(shape);
    return parsed == null ? TracedShape.unknown() : TracedShape.of(parsed);
  }

  private static DeclaredShape shape(ShapeModel shape) {
    try {
      return DeclaredShape.of(shape.texts().toArray(new String[0]));
    } catch (RuntimeException unparsed) {
      return null;
    }
  }
}
