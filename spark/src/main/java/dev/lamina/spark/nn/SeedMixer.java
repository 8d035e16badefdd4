package dev.lamina.spark.nn;

/** One well-spread 64-bit seed from several numbers (SplitMix64's finalizer, applied in turn). */
public final class SeedMixer {
  private SeedMixer() {}

  /** A seed that changes in every bit when any of {@code values} changes. */
  public static long mix(long... values) {
    long h = 0x9E3779B97F4A7C15L;
    for (long value : values) {
      h = finish(h ^ finish(value + 0x9E3779B97F4A7C15L));
    }
    return h;
  }

  private static long finish(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
