package dev.lamina.processor.validation;

import dev.lamina.processor.element.Annotations;
import dev.lamina.processor.element.LayerMembers;
import dev.lamina.processor.element.Names;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/** Checks the {@code forward(Tensor)} a layer's generated class overrides, and its shapes. */
final class ForwardValidator {
  private final ErrorReporter reporter;
  private final Elements elements;
  private final LayerMembers members;
  private final ShapeValidator shapes;
  private final String generated;

  ForwardValidator(ErrorReporter reporter, Elements elements, LayerMembers members,
      ShapeContext context, String generated) {
    this.reporter = reporter;
    this.elements = elements;
    this.members = members;
    this.shapes = new ShapeValidator(reporter, context);
    this.generated = generated;
  }

  void validate() {
    Optional<ExecutableElement> found = members.forward();
    if (found.isEmpty() || found.get().getModifiers().contains(Modifier.ABSTRACT)) {
      reporter.error(members.layer(), Diagnostic.FORWARD_MISSING, members.layer().getSimpleName());
      return;
    }
    ExecutableElement forward = found.get();
    if (!members.isTensor(forward.getReturnType())) {
      reporter.error(forward, Diagnostic.FORWARD_NOT_TENSOR,
          members.layer().getSimpleName() + ".forward", forward.getReturnType());
    }
    if (forward.getModifiers().contains(Modifier.FINAL)) {
      reporter.error(forward, Diagnostic.FORWARD_FINAL, generated);
    }
    VariableElement argument = forward.getParameters().get(0);
    validateShape(argument, ShapeValidator.Site.ARGUMENT);
    validateShape(forward, ShapeValidator.Site.OUTPUT);
  }

  private void validateShape(javax.lang.model.element.Element element, ShapeValidator.Site site) {
    Optional<AnnotationMirror> shape = Annotations.find(element, Names.SHAPE);
    if (shape.isEmpty()) {
      return;
    }
    Optional<AnnotationValue> value = Annotations.value(elements, shape.get(), "value");
    if (value.isPresent()) {
      shapes.validate(element, shape.get(), Annotations.stringItems(value.get()), site);
    }
  }
}
