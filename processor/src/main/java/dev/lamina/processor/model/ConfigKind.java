package dev.lamina.processor.model;

import dev.lamina.processor.element.LayerMembers;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The kinds of constructor parameter that a saved layer can be rebuilt from, each with the
 * {@code ConfigReader} method that reads it back.
 */
public enum ConfigKind {
  INT("intValue"),
  LONG("longValue"),
  FLOAT("floatValue"),
  DOUBLE("doubleValue"),
  BOOLEAN("booleanValue"),
  STRING("stringValue"),
  INT_ARRAY("intArrayValue"),
  /** An enum constant, saved by name and read back with the enum's class. */
  ENUM("enumValue"),
  /** A child module: rebuilt separately and passed in by name, not stored in the config. */
  CHILD("child");

  private final String readerMethod;

  ConfigKind(String readerMethod) {
    this.readerMethod = readerMethod;
  }

  /** The {@code ConfigReader} method that reads this kind. */
  public String readerMethod() {
    return readerMethod;
  }

  /** The kind of {@code type}, or empty when a layer with such a parameter cannot be rebuilt. */
  public static Optional<ConfigKind> of(TypeMirror type, LayerMembers members) {
    return switch (type.getKind()) {
      case INT -> Optional.of(INT);
      case LONG -> Optional.of(LONG);
      case FLOAT -> Optional.of(FLOAT);
      case DOUBLE -> Optional.of(DOUBLE);
      case BOOLEAN -> Optional.of(BOOLEAN);
      case ARRAY -> ((ArrayType) type).getComponentType().getKind() == TypeKind.INT
          ? Optional.of(INT_ARRAY) : Optional.empty();
      case DECLARED -> {
        if (members.isModule(type)) {
          yield Optional.of(CHILD);
        }
        TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
        if (element.getKind() == ElementKind.ENUM) {
          yield Optional.of(ENUM);
        }
        yield element.getQualifiedName().contentEquals("java.lang.String")
            ? Optional.of(STRING) : Optional.empty();
      }
      default -> Optional.empty();
    };
  }
}
