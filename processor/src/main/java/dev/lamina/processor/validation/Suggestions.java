package dev.lamina.processor.validation;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean" for unknown names: the closest candidate within a small edit distance. */
final class Suggestions {
  private Suggestions() {}

  /** {@code ; did you mean "units"?}, or the empty string when nothing is close. */
  static String didYouMean(String name, Collection<String> candidates) {
    Closest closest = closest(name, candidates);
    int allowed = Math.max(1, Math.min(3, name.length() / 3));
    return closest != null && closest.distance() <= allowed
        ? "; did you mean \"" + closest.candidate() + "\"?" : "";
  }

  /**
   * The candidate {@code name} is most likely a slip for, or null: a name of at least three
   * characters, one edit away (two from eight characters on), ignoring case, and not a candidate
   * itself. Stricter than {@link #didYouMean}, because it warns about a name that is legal.
   */
  static String nearMiss(String name, Collection<String> candidates) {
    if (name.length() < 3 || candidates.contains(name)) {
      return null;
    }
    Closest closest = closest(name, candidates);
    int allowed = name.length() >= 8 ? 2 : 1;
    return closest != null && closest.distance() <= allowed ? closest.candidate() : null;
  }

  /** The candidate nearest to {@code name} ignoring case, the first of equals; null for none. */
  private static Closest closest(String name, Collection<String> candidates) {
    Closest best = null;
    for (String candidate : candidates) {
      int distance = editDistance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (best == null || distance < best.distance()) {
        best = new Closest(candidate, distance);
      }
    }
    return best;
  }

  private record Closest(String candidate, int distance) {}

  /** Levenshtein distance, one row at a time. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
