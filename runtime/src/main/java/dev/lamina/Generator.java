package dev.lamina;

import java.util.SplittableRandom;

/**
 * A seedable source of random numbers for tensors and initializers.
 *
 * <p>{@link #global()} is what {@code Tensor.rand}, {@code Tensor.randn} and parameter
 * initialization draw from by default; {@link #manualSeed(long)} reseeds it, as
 * {@code torch.manual_seed}. Code that must not depend on anything else drawing numbers passes its
 * own {@code new Generator(seed)}.
 *
 * <p>Not thread-safe: give each thread its own generator.
 */
public final class Generator {
  private static final Generator GLOBAL = new Generator(0);

  private SplittableRandom random;
  private long seed;
  private long reseeds;
  private double spareNormal;
  private boolean hasSpareNormal;

  /** A generator that produces the same sequence for the same seed. */
  public Generator(long seed) {
    setSeed(seed);
  }

  /** The generator that draws for calls that are not given one. */
  public static Generator global() {
    return GLOBAL;
  }

  /** Reseeds the global generator, as {@code torch.manual_seed}. */
  public static void manualSeed(long seed) {
    GLOBAL.setSeed(seed);
  }

  /** Restarts this generator's sequence from {@code seed}. */
  public void setSeed(long seed) {
    this.seed = seed;
    this.reseeds++;
    this.random = new SplittableRandom(seed);
    this.hasSpareNormal = false;
  }

  /** The seed this generator was last given. */
  public long seed() {
    return seed;
  }

  /** How many times this generator has been seeded; changes on every {@link #setSeed}. */
  public long reseedCount() {
    return reseeds;
  }

  /** A uniform float in [0, 1). */
  public float nextUniform() {
    return (random.nextInt() >>> 8) * 0x1.0p-24f;
  }

  /** A standard normal sample (Box-Muller, both values of a pair used). */
  public float nextNormal() {
    if (hasSpareNormal) {
      hasSpareNormal = false;
      return (float) spareNormal;
    }
    double u1;
    do {
      u1 = random.nextDouble();
    } while (u1 <= Double.MIN_NORMAL);
    double u2 = random.nextDouble();
    double radius = Math.sqrt(-2.0 * Math.log(u1));
    spareNormal = radius * Math.sin(2.0 * Math.PI * u2);
    hasSpareNormal = true;
    return (float) (radius * Math.cos(2.0 * Math.PI * u2));
  }

  /** A uniform integer in [0, bound). */
  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /**
   * A random permutation of {@code 0, 1, ..., n - 1} (Fisher-Yates), as {@code torch.randperm(n)}
   * gives one, though not the same one: the draws come from this generator.
   */
  public int[] permutation(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
