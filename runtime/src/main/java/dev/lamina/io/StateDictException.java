package dev.lamina.io;

import java.util.List;

/**
 * A checkpoint that does not fit a model: every missing, unexpected and mis-shaped key at once, in
 * PyTorch's words, with a hint when a prefix explains the difference. The model is unchanged.
 *
 * <pre>
 * Error(s) in loading state_dict for Sequential:
 * 	Missing key(s) in state_dict: "0.bias".
 * 	size mismatch for 0.weight: copying a param with shape [3, 4] from checkpoint, the shape in current model is [3, 5].
 * </pre>
 */
public final class StateDictException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<String> missingKeys;
  private final List<String> unexpectedKeys;
  private final List<String> problems;

  StateDictException(String message, List<String> missingKeys, List<String> unexpectedKeys,
      List<String> problems) {
    super(message);
    this.missingKeys = List.copyOf(missingKeys);
    this.unexpectedKeys = List.copyOf(unexpectedKeys);
    this.problems = List.copyOf(problems);
  }

  /** The model's parameters the checkpoint lacks (empty when the load was not strict). */
  public List<String> missingKeys() {
    return missingKeys;
  }

  /** The checkpoint's keys the model lacks (empty when the load was not strict). */
  public List<String> unexpectedKeys() {
    return unexpectedKeys;
  }

  /** The other problems, one sentence each: size mismatches, two keys mapped to one parameter. */
  public List<String> problems() {
    return problems;
  }
}
