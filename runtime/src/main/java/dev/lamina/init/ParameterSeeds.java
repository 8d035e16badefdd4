package dev.lamina.init;

import dev.lamina.Generator;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Seeds for parameter initialization derived from the global seed and a parameter's identity.
 *
 * <p>The {@code n}-th {@code MyLinear.weight} made after {@code Generator.manualSeed(s)} always gets
 * the same seed, however many other layers were made in between. Reseeding the global generator
 * restarts the counts.
 */
final class ParameterSeeds {
  private static final Map<String, Integer> COUNTS = new HashMap<>();
  private static long countedForReseed = -1;

  private ParameterSeeds() {}

  static synchronized long next(String layerType, String field) {
    Generator global = Generator.global();
    long globalSeed = global.seed();
    if (global.reseedCount() != countedForReseed) {
      COUNTS.clear();
      countedForReseed = global.reseedCount();
    }
    String key = layerType + '#' + field;
    int occurrence = COUNTS.merge(key, 1, Integer::sum) - 1;
    long h = mix(globalSeed);
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h = mix(h ^ b);
    }
    return mix(h ^ occurrence);
  }

  /** SplitMix64's finalizer: a bijection that scatters nearby inputs. */
  private static long mix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
