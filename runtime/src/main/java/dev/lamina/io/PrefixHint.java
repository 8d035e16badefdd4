package dev.lamina.io;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Explains a failed load by a prefix that one side has on every key and the other lacks, such as
 * the {@code module.} that PyTorch's {@code DataParallel} adds.
 */
final class PrefixHint {
  private PrefixHint() {}

  /** A sentence naming the prefix and the option that fixes it, or null when no prefix explains the mismatch. */
  static String explain(List<String> missing, List<String> unexpected) {
    if (missing.isEmpty() || unexpected.isEmpty()) {
      return null;
    }
    String strip = bestPrefix(unexpected, new HashSet<>(missing));
    if (strip != null) {
      return "Hint: every unexpected key starts with \"" + strip + "\" and, without it, names a"
          + " parameter of the model; load with LoadOptions.strict().stripPrefix(\"" + strip + "\").";
    }
    String add = bestPrefix(missing, new HashSet<>(unexpected));
    if (add != null) {
      return "Hint: every missing key starts with \"" + add + "\" and, without it, is a key of the"
          + " checkpoint; load with LoadOptions.strict().addPrefix(\"" + add + "\").";
    }
    return null;
  }

  /**
   * The dotted prefix shared by all {@code keys} whose removal turns the most of them into members
   * of {@code targets}; null when none turns any.
   */
  private static String bestPrefix(Collection<String> keys, Set<String> targets) {
    String first = keys.iterator().next();
    String best = null;
    int bestMatches = 0;
    for (int dot = first.indexOf('.'); dot >= 0; dot = first.indexOf('.', dot + 1)) {
      String prefix = first.substring(0, dot + 1);
      int matches = 0;
      boolean shared = true;
      for (String key : keys) {
        if (!key.startsWith(prefix)) {
          shared = false;
          break;
        }
        if (targets.contains(key.substring(prefix.length()))) {
          matches++;
        }
      }
      if (shared && matches > bestMatches) {
        best = prefix;
        bestMatches = matches;
      }
    }
    return best;
  }
}
