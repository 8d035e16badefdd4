package dev.lamina.io;

import dev.lamina.io.safetensors.SafetensorsException;

/**
 * A saved architecture that cannot be rebuilt, and why: the JSON is malformed, it names a layer type
 * that is not registered, a config value does not fit its layer, or a child is missing or extra.
 * Only the first means a broken file; the others may mean a class path without the layer, or a
 * file written by another version of it.
 *
 * <pre>{@code
 * try {
 *   model = Module.load(path);
 * } catch (ArchitectureException e) {
 *   if (e.problem() == ArchitectureException.Problem.UNKNOWN_TYPE) { ... }
 * }
 * }</pre>
 */
public final class ArchitectureException extends SafetensorsException {
  private static final long serialVersionUID = 1L;

  /** What is wrong. */
  public enum Problem {
    /** Not valid JSON, or not the shape of an architecture (a node that is not an object, a bad sameAs). */
    MALFORMED,
    /** A type that no registered factory rebuilds. */
    UNKNOWN_TYPE,
    /** A config entry missing, mistyped, out of range for the layer, or not one it has. */
    BAD_CONFIG,
    /** A child missing, of the wrong kind, or not one the layer has. */
    CHILDREN
  }

  private final Problem problem;
  private final String modulePath;

  ArchitectureException(Problem problem, String modulePath, String message, Throwable cause) {
    super(message, cause);
    this.problem = problem;
    this.modulePath = modulePath;
  }

  /** The same problem, its message prefixed with {@code source} (the file). */
  ArchitectureException in(String source) {
    ArchitectureException out =
        new ArchitectureException(problem, modulePath, source + ": " + getMessage(), getCause());
    out.setStackTrace(getStackTrace());
    return out;
  }

  /** What is wrong. */
  public Problem problem() {
    return problem;
  }

  /** The dotted path of the module where it is wrong ({@code ""} for the root). */
  public String modulePath() {
    return modulePath;
  }
}
