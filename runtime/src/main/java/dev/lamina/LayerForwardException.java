package dev.lamina;

import java.util.Map;

/**
 * A layer's {@code forward} failed: the message names the layer, its path in the model and what went
 * wrong, {@code 0.attn (MultiheadAttention).forward: matmul: shapes [2, 5] and [3, 5] cannot be
 * multiplied}, and {@link #getCause()} is what the op threw, unchanged. On the layer that was called
 * itself the path is empty and the message starts with the layer's name only:
 * {@code MultiheadAttention.forward: ...}.
 *
 * <p>Every generated {@code forward} reports what escapes it through {@link Module#forwardFailed},
 * and {@link Sequential} what escapes each of its layers: a failure not yet reported becomes one of
 * these for that layer, and one coming out of a child gets the child's name put in front of its
 * path (the name the parent's {@code localChildren()} has it under, or Sequential's index), so the
 * path grows by one name per level on the way up and is always relative to the outermost layer it
 * has passed. The same exception object travels all the way up, as Jackson's
 * {@code JsonMappingException.prependPath} does for the path in a document: there is never a wrapper
 * around a wrapper, and the op's exception is always the direct cause. A hand-written
 * {@code Module} has no generated {@code forward}: what its ops throw is reported as its own by a
 * {@code Sequential} holding it, and otherwise as its own by the nearest generated layer around it.
 *
 * <p>Unchecked, and a {@link RuntimeException} rather than an {@link IllegalArgumentException}:
 * the body of a {@code forward} can fail with an op's {@code IllegalArgumentException} (shapes that do
 * not fit), but also with an {@code IndexOutOfBoundsException} ({@code select}), an
 * {@code IllegalStateException} ({@code item()} of a tensor of several elements) or a user's own
 * exception, and a wrapper claiming that each of them was an illegal argument would mislead. Code
 * that caught the op's exception type around {@code forward} looks at the cause:
 *
 * <pre>{@code
 * try {
 *   model.forward(x);
 * } catch (LayerForwardException e) {
 *   if (e.getCause() instanceof IllegalArgumentException) { ... }  // an op refused its arguments
 * }
 * }</pre>
 *
 * <p>{@link dev.lamina.shape.ShapeMismatchException}, what the checks generated from {@code @Shape}
 * throw, is one of these with no cause, so it gets the path too.
 */
public class LayerForwardException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String detail;
  /** The layer whose forward failed; null while a check's exception has not reached its layer. */
  private transient Module layer;
  /** The outermost module this exception has been reported by; {@link #path} is relative to it. */
  private transient Module reportedBy;
  private String path = "";

  /**
   * What escaped {@code layer}'s forward: {@code thrown}'s message becomes the detail, without the
   * {@code MyLayer.forward: } in front that a message naming this layer already has (the generated
   * check of an argument that must not be null), so that the layer is named once.
   */
  LayerForwardException(Module layer, RuntimeException thrown) {
    super(thrown.getMessage() != null ? thrown.getMessage() : thrown.toString(), thrown);
    String own = layer.displayName() + ".forward: ";
    String message = super.getMessage();
    this.detail = message.startsWith(own) ? message.substring(own.length()) : message;
    this.layer = layer;
    this.reportedBy = layer;
  }

  /**
   * A failure found by a check that runs inside a layer's forward before the layer is known to it
   * (the generated shape checks): until the layer's {@code forward} reports it, the message is
   * {@code where: detail}, as {@code MyLinear.forward: x has shape [2, 4], expected [batch,
   * inUnits=5]}.
   */
  protected LayerForwardException(String where, String detail) {
    super(where + ": " + detail);
    this.detail = detail;
  }

  /**
   * The message without the layer and the path: the op's own message, or what the check found
   * ({@code x has shape [2, 4], expected [batch, inUnits=5]}).
   */
  public final String detail() {
    return detail;
  }

  /** The layer whose forward failed, or null for a check's failure not yet reported by its layer. */
  public final Module layer() {
    return layer;
  }

  /**
   * The dotted path of {@link #layer()} from the outermost layer this exception has passed
   * ({@code 0.attn}, {@code blocks.0}); empty when that is the layer itself.
   */
  public final String path() {
    return path;
  }

  @Override
  public String getMessage() {
    if (layer == null) {
      return super.getMessage();
    }
    String name = layer.displayName();
    return (path.isEmpty() ? name : path + " (" + name + ")") + ".forward: " + detail;
  }

  /**
   * What {@code module}'s forward throws when {@code thrown} escaped it: {@code thrown} itself when
   * it already is one of these, reported by {@code module} (its layer set, or the name of the child
   * it came out of put in front of its path), else a new one for {@code module}.
   */
  static LayerForwardException report(Module module, RuntimeException thrown) {
    if (!(thrown instanceof LayerForwardException reported)) {
      return new LayerForwardException(module, thrown);
    }
    if (reported.layer == null) {
      reported.layer = module;
      reported.reportedBy = module;
    } else if (reported.reportedBy != module) {
      String child = childName(module, reported.reportedBy);
      if (child != null) {
        reported.reportedThrough(child, module);
      }
    }
    return reported;
  }

  /**
   * What {@code parent} throws when {@code thrown} escaped its child {@code child}, called under
   * {@code name}: reported by the child first (for a child whose fused path or hand-written
   * forward reports nothing itself), then by {@code parent} as coming out of {@code name}.
   */
  static LayerForwardException report(Module parent, String name, Module child,
      RuntimeException thrown) {
    LayerForwardException reported = report(child, thrown);
    if (reported.reportedBy == child) {
      reported.reportedThrough(name, parent);
    }
    return reported;
  }

  /** Puts {@code name}, the child this came out of, in front of the path; {@code parent} holds it. */
  private void reportedThrough(String name, Module parent) {
    path = path.isEmpty() ? name : name + "." + path;
    reportedBy = parent;
  }

  /**
   * The name {@code parent} has {@code child} under: among its own children first (a list of
   * children registers {@code blocks.0} there), else its first path among all descendants, for a
   * forward that calls a grandchild directly; null when {@code parent} does not hold it.
   */
  private static String childName(Module parent, Module child) {
    for (Map.Entry<String, Module> entry : parent.localChildren().entrySet()) {
      if (entry.getValue() == child) {
        return entry.getKey();
      }
    }
    for (Map.Entry<String, Module> entry : parent.namedModules().entrySet()) {
      if (entry.getValue() == child && !entry.getKey().isEmpty()) {
        return entry.getKey();
      }
    }
    return null;
  }
}
