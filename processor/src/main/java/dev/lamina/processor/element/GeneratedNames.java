package dev.lamina.processor.element;

import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/** The simple name of the class generated for a layer: {@code Lamina_Outer_Inner}. */
public final class GeneratedNames {
  private GeneratedNames() {}

  public static String simpleName(TypeElement layer) {
    StringBuilder name = new StringBuilder(layer.getSimpleName());
    Element enclosing = layer.getEnclosingElement();
    while (enclosing != null && (enclosing.getKind().isClass() || enclosing.getKind().isInterface())) {
      name.insert(0, enclosing.getSimpleName() + "_");
      enclosing = enclosing.getEnclosingElement();
    }
    return Names.GENERATED_PREFIX + name;
  }
}
