package dev.lamina.io;

import java.util.List;

/**
 * What a weight load did: which parameters it filled, which keys it skipped (only a non-strict load
 * skips any), and which values changed when converted to float32. As PyTorch's
 * {@code _IncompatibleKeys}, with the conversions added.
 */
public final class LoadResult {
  private final List<String> loadedKeys;
  private final List<String> missingKeys;
  private final List<String> unexpectedKeys;
  private final List<String> lossyConversions;

  LoadResult(List<String> loadedKeys, List<String> missingKeys, List<String> unexpectedKeys,
      List<String> lossyConversions) {
    this.loadedKeys = List.copyOf(loadedKeys);
    this.missingKeys = List.copyOf(missingKeys);
    this.unexpectedKeys = List.copyOf(unexpectedKeys);
    this.lossyConversions = List.copyOf(lossyConversions);
  }

  /** The model's parameters that received values, by the model's names. */
  public List<String> loadedKeys() {
    return loadedKeys;
  }

  /** The model's parameters the checkpoint had no value for (left unchanged). */
  public List<String> missingKeys() {
    return missingKeys;
  }

  /** The checkpoint's keys that matched no parameter (ignored). */
  public List<String> unexpectedKeys() {
    return unexpectedKeys;
  }

  /**
   * One sentence per tensor whose values changed when converted to float32, such as
   * {@code 0.weight: 3 of 12 F64 values changed when converted to F32}.
   */
  public List<String> lossyConversions() {
    return lossyConversions;
  }

  /** Whether every parameter was loaded and every checkpoint key used. */
  public boolean allKeysMatched() {
    return missingKeys.isEmpty() && unexpectedKeys.isEmpty();
  }

  @Override
  public String toString() {
    String keys = allKeysMatched()
        ? "<All keys matched successfully>"
        : "missing_keys=" + missingKeys + ", unexpected_keys=" + unexpectedKeys;
    return lossyConversions.isEmpty() ? keys : keys + ", lossy conversions: " + lossyConversions;
  }
}
