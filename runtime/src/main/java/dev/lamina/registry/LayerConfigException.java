package dev.lamina.registry;

/**
 * A layer cannot be rebuilt from what was saved of it: a config entry or a child is missing, has the
 * wrong kind of value, or is not one the layer has. Names the layer type, the entry, what was
 * expected and what was found.
 *
 * <pre>
 * dev.lamina.nn.Linear: config entry "inFeatures" must be an int, but it is 4.5
 * </pre>
 */
public final class LayerConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Whether the entry is a hyperparameter or a child module. */
  public enum Part {
    /** A hyperparameter in {@code config}. */
    CONFIG_ENTRY,
    /** A child module in {@code children}. */
    CHILD
  }

  private final String typeName;
  private final Part part;
  private final String entry;
  private final String expected;
  private final String found;

  /**
   * {@code typeName}'s {@code entry} should be {@code expected} (as "an int", "present", "absent")
   * but is {@code found}.
   */
  public LayerConfigException(String typeName, Part part, String entry, String expected, String found) {
    super(typeName + ": " + (part == Part.CHILD ? "child" : "config entry") + " \"" + entry + "\" "
        + describe(expected, found));
    this.typeName = typeName;
    this.part = part;
    this.entry = entry;
    this.expected = expected;
    this.found = found;
  }

  private static String describe(String expected, String found) {
    return switch (expected) {
      case "present" -> "is missing; " + found;
      case "absent" -> "is not one the layer has; " + found;
      default -> "must be " + expected + ", but it is " + found;
    };
  }

  /** The registered type of the layer. */
  public String typeName() {
    return typeName;
  }

  /** Whether {@link #entry()} is a config entry or a child. */
  public Part part() {
    return part;
  }

  /** The config key or child name. */
  public String entry() {
    return entry;
  }

  /** What the entry should be: a kind of value ("an int"), "present" or "absent". */
  public String expected() {
    return expected;
  }

  /** What the file holds instead (for a missing or extra entry: the entries there are). */
  public String found() {
    return found;
  }
}
