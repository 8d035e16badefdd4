package dev.lamina.processor.model;

import java.util.List;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;

/**
 * The record a {@code forward} returns instead of one tensor, {@code record State(Tensor h, Tensor
 * c)}: each component is checked after the call against its own {@code @Shape}.
 *
 * @param record the record class
 * @param components its components, in order
 */
public record RecordOutput(TypeElement record, List<Component> components) {
  /**
   * One component of the record.
   *
   * @param element the component
   * @param shape its {@code @Shape}, or null when it has none (it is then not checked)
   * @param tensor whether its type is {@code Tensor}
   */
  public record Component(RecordComponentElement element, ShapeModel shape, boolean tensor) {
    /** The component's name, and its accessor's. */
    public String name() {
      return element.getSimpleName().toString();
    }
  }

  /** The record's simple name, as messages show it. */
  public String displayName() {
    return record.getSimpleName().toString();
  }

  /** Whether any component has a {@code @Shape} to check. */
  public boolean hasShapes() {
    return components.stream().anyMatch(component -> component.shape() != null);
  }
}
