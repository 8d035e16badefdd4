package dev.lamina.registry;

import dev.lamina.Module;
import dev.lamina.format.DisplayText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the hyperparameters and children that a {@link LayerFactory} rebuilds a layer from, accepting
 * what a JSON round trip makes of them (any {@link Number} for a number, a {@link List} for an
 * array), and naming the layer type and the entry when something is missing or mistyped.
 *
 * <pre>{@code
 * ConfigReader config = new ConfigReader("chapter.MyLinear", values, children);
 * return new Lamina_MyLinear(config.intValue("inUnits"), config.intValue("units"));
 * }</pre>
 */
public final class ConfigReader {
  /** The most characters of a refused name an error shows: a file may hold a name of any length. */
  private static final int MAX_SHOWN = 80;

  private final String typeName;
  private final Map<String, Object> values;
  private final Map<String, Module> children;

  /** A reader for one layer of {@code typeName}. */
  public ConfigReader(String typeName, Map<String, Object> values, Map<String, Module> children) {
    this.typeName = typeName;
    this.values = values;
    this.children = children;
  }

  /** An int entry; a whole number of another type is accepted. */
  public int intValue(String key) {
    long value = longValue(key);
    if (value != (int) value) {
      throw wrong(key, "an int", value);
    }
    return (int) value;
  }

  /** A long entry; a whole number of another type is accepted. */
  public long longValue(String key) {
    Number number = number(key);
    double asDouble = number.doubleValue();
    if (!(number instanceof Long || number instanceof Integer) && asDouble != Math.rint(asDouble)) {
      throw wrong(key, "a whole number", number);
    }
    return number instanceof Long ? number.longValue() : (long) asDouble;
  }

  /** A float entry. */
  public float floatValue(String key) {
    return number(key).floatValue();
  }

  /** A double entry. */
  public double doubleValue(String key) {
    return number(key).doubleValue();
  }

  /** A boolean entry. */
  public boolean booleanValue(String key) {
    Object value = require(key);
    if (!(value instanceof Boolean flag)) {
      throw wrong(key, "a boolean", value);
    }
    return flag;
  }

  /** A string entry. */
  public String stringValue(String key) {
    Object value = require(key);
    if (!(value instanceof String text)) {
      throw wrong(key, "a string", value);
    }
    return text;
  }

  /**
   * An enum entry, saved as the constant's name: {@code "REFLECT"}. A name that {@code type} does
   * not have is refused with the names it has, as is anything but a string.
   */
  public <E extends Enum<E>> E enumValue(String key, Class<E> type) {
    Object value = require(key);
    if (type.isInstance(value)) {
      return type.cast(value);
    }
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      names.add(constant.name());
      if (constant.name().equals(value)) {
        return constant;
      }
    }
    String expected = "one of " + type.getSimpleName() + "'s constants " + names;
    String found = value instanceof String text ? DisplayText.quoted(text, MAX_SHOWN) : String.valueOf(value);
    throw new LayerConfigException(typeName, LayerConfigException.Part.CONFIG_ENTRY, key, expected,
        found);
  }

  /** An int array entry, given as an {@code int[]} or a list of whole numbers. */
  public int[] intArrayValue(String key) {
    Object value = require(key);
    if (value instanceof int[] ints) {
      return ints.clone();
    }
    if (!(value instanceof List<?> list)) {
      throw wrong(key, "a list of ints", value);
    }
    int[] out = new int[list.size()];
    for (int i = 0; i < out.length; i++) {
      Object item = list.get(i);
      if (!(item instanceof Number number) || number.doubleValue() != number.intValue()) {
        throw wrong(key, "a list of ints", value);
      }
      out[i] = number.intValue();
    }
    return out;
  }

  /**
   * The child module rebuilt under {@code name}, which must be a {@code type}; null when the layer
   * was saved with that child null (an optional child left out).
   */
  public <T extends Module> T child(String name, Class<T> type) {
    if (!children.containsKey(name)) {
      throw new LayerConfigException(typeName, LayerConfigException.Part.CHILD, name, "present",
          "children are " + children.keySet());
    }
    Module child = children.get(name);
    if (child != null && !type.isInstance(child)) {
      throw new LayerConfigException(typeName, LayerConfigException.Part.CHILD, name,
          "a " + type.getSimpleName(), "a " + child.displayName());
    }
    return type.cast(child);
  }

  private Number number(String key) {
    Object value = require(key);
    if (!(value instanceof Number number)) {
      throw wrong(key, "a number", value);
    }
    return number;
  }

  private Object require(String key) {
    Object value = values.get(key);
    if (value == null) {
      throw new LayerConfigException(typeName, LayerConfigException.Part.CONFIG_ENTRY, key,
          "present", values.containsKey(key) ? "it is null" : "entries are " + values.keySet());
    }
    return value;
  }

  private LayerConfigException wrong(String key, String expected, Object found) {
    String shown = found instanceof String ? "the string \"" + found + "\"" : String.valueOf(found);
    return new LayerConfigException(typeName, LayerConfigException.Part.CONFIG_ENTRY, key, expected, shown);
  }
}
