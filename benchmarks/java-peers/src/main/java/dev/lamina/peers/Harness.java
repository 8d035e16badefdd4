package dev.lamina.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The loop every framework is timed in, the data every framework gets, and the JSON line each
 * workload's result is printed as.
 *
 * <p>Arguments, the same for every framework's main class:
 *
 * <pre>
 *   --workloads step:64,step:256,forward:64   what to time, in order; each on a model of its own
 *   --warmup-ms 3000                           warm-up per workload
 *   --reps 10                                  timed repetitions per workload
 *   --rep-ms 1000                              about how long one repetition runs
 * </pre>
 *
 * <p>A repetition runs a count of operations fixed after the warm-up (enough for about
 * {@code --rep-ms}) and gives their mean time per operation, so each workload yields
 * {@code --reps} times in microseconds per operation. Nothing is summarized here: the report
 * takes the median and the range.
 */
public final class Harness {
  /** The seed of the inputs and labels: the same floats and labels reach every framework. */
  public static final long DATA_SEED = 1;
  /** The seed each framework's weight initialization is given, where it takes one. */
  public static final int MODEL_SEED = 0;
  public static final int INPUTS = 784;
  public static final int HIDDEN = 256;
  public static final int CLASSES = 10;
  /** 784·256 + 256 + 256·256 + 256 + 256·10 + 10. */
  public static final long PARAMETERS = 269_322;

  /** One framework, as the harness drives it. */
  public interface Framework {
    /** Its name and version, e.g. {@code "DJL 0.36.0"}. */
    String name();

    /**
     * A fresh model and the operation to time: one training step ({@code "step"}: forward,
     * cross-entropy, backward, SGD step, zero grad) or a forward without gradients
     * ({@code "forward"}) on {@code images} ([batch, 784], row-major) and {@code labels}.
     */
    Operation prepare(String workload, int batch, float[] images, int[] labels);

    /**
     * What the framework runs on, read after each workload: BLAS, native library, thread
     * settings. Keys and values are for people; the report prints them.
     */
    Map<String, String> describe();
  }

  /** One timed operation on a prepared model. */
  public interface Operation {
    /** Runs once and returns something of the result, so that nothing is left unused. */
    Object run();

    /** How many parameters the prepared model has: 269,322 for every framework. */
    long parameters();

    /** Frees what the model holds outside the Java heap, once its workload is timed. */
    default void close() {}

    /** The operation {@code run} on a model of {@code parameters} that holds nothing to free. */
    static Operation of(long parameters, Supplier<Object> run) {
      return of(parameters, run, () -> {});
    }

    /** The operation {@code run} on a model of {@code parameters}; {@code free} closes it. */
    static Operation of(long parameters, Supplier<Object> run, Runnable free) {
      return new Operation() {
        @Override
        public Object run() {
          return run.get();
        }

        @Override
        public long parameters() {
          return parameters;
        }

        @Override
        public void close() {
          free.run();
        }
      };
    }
  }

  private static volatile Object sink;

  private Harness() {}

  /** Inputs uniform in [0, 1), [batch, 784] row-major, from {@link #DATA_SEED}. */
  public static float[] images(int batch) {
    SplittableRandom random = new SplittableRandom(DATA_SEED);
    float[] images = new float[batch * INPUTS];
    for (int i = 0; i < images.length; i++) {
      images[i] = (float) random.nextDouble();
    }
    return images;
  }

  /** Class labels in [0, 10), from {@link #DATA_SEED} + 1. */
  public static int[] labels(int batch) {
    SplittableRandom random = new SplittableRandom(DATA_SEED + 1);
    int[] labels = new int[batch];
    for (int i = 0; i < batch; i++) {
      labels[i] = random.nextInt(CLASSES);
    }
    return labels;
  }

  /** Runs every workload the arguments ask for and prints one JSON line for each. */
  public static void run(Framework framework, String[] args) {
    Map<String, String> options = parse(args);
    List<String> workloads = Arrays.asList(options.get("workloads").split(","));
    long warmupNanos = Long.parseLong(options.get("warmup-ms")) * 1_000_000L;
    int reps = Integer.parseInt(options.get("reps"));
    long repNanos = Long.parseLong(options.get("rep-ms")) * 1_000_000L;
    for (String spec : workloads) {
      String[] parts = spec.split(":");
      if (parts.length != 2 || !(parts[0].equals("step") || parts[0].equals("forward"))) {
        throw new IllegalArgumentException("a workload is step:BATCH or forward:BATCH, not " + spec);
      }
      String workload = parts[0];
      int batch = Integer.parseInt(parts[1]);
      Operation operation =
          framework.prepare(workload, batch, images(batch), labels(batch));
      if (operation.parameters() != PARAMETERS) {
        throw new IllegalStateException(framework.name() + "'s model has "
            + operation.parameters() + " parameters, not " + PARAMETERS);
      }
      long started = System.nanoTime();
      long warmupOps = 0;
      while (warmupOps < 3 || System.nanoTime() - started < warmupNanos) {
        sink = operation.run();
        warmupOps++;
      }
      double warmupNanosPerOp = (System.nanoTime() - started) / (double) warmupOps;
      long opsPerRep = Math.max(1, Math.round(repNanos / warmupNanosPerOp));
      double[] micros = new double[reps];
      for (int rep = 0; rep < reps; rep++) {
        long begin = System.nanoTime();
        for (long op = 0; op < opsPerRep; op++) {
          sink = operation.run();
        }
        micros[rep] = (System.nanoTime() - begin) / 1_000.0 / opsPerRep;
      }
      Map<String, String> described = framework.describe();
      operation.close();
      System.out.println(json(framework.name(), workload, batch, operation.parameters(), warmupOps,
          opsPerRep, micros, described));
      System.out.flush();
    }
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("workloads", "step:64,step:256,forward:64");
    options.put("warmup-ms", "3000");
    options.put("reps", "10");
    options.put("rep-ms", "1000");
    for (int i = 0; i < args.length; i++) {
      String name = args[i].startsWith("--") ? args[i].substring(2) : null;
      if (name == null || !options.containsKey(name) || i + 1 >= args.length) {
        throw new IllegalArgumentException("unknown or incomplete option " + args[i]
            + "; options: " + options.keySet());
      }
      options.put(name, args[++i]);
    }
    return options;
  }

  /**
   * The shared libraries this process has mapped whose names match {@code pattern}
   * (case-insensitive), by real path, in the order first mapped.
   */
  public static List<String> mappedLibraries(String pattern) {
    Pattern wanted = Pattern.compile(pattern, Pattern.CASE_INSENSITIVE);
    LinkedHashSet<String> found = new LinkedHashSet<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
        int slash = line.indexOf('/');
        if (slash < 0) {
          continue;
        }
        String path = line.substring(slash).trim();
        String file = path.substring(path.lastIndexOf('/') + 1);
        if (file.contains(".so") && wanted.matcher(file).find()) {
          found.add(path);
        }
      }
    } catch (IOException e) {
      found.add("(no /proc/self/maps: " + e.getMessage() + ")");
    }
    return new ArrayList<>(found);
  }

  /** The thread settings of the environment, NAME=value joined by spaces. */
  public static String threadEnvironment() {
    StringBuilder settings = new StringBuilder();
    for (String name : new String[] {"OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"}) {
      String value = System.getenv(name);
      settings.append(settings.length() == 0 ? "" : " ").append(name).append('=')
          .append(value == null ? "(unset)" : value);
    }
    return settings.toString();
  }

  static String json(String framework, String workload, int batch, long parameters,
      long warmupOps, long opsPerRep, double[] micros, Map<String, String> described) {
    StringBuilder out = new StringBuilder("{");
    out.append("\"framework\": ").append(quote(framework));
    out.append(", \"workload\": ").append(quote(workload));
    out.append(", \"batch\": ").append(batch);
    out.append(", \"parameters\": ").append(parameters);
    out.append(", \"warmup_ops\": ").append(warmupOps);
    out.append(", \"ops_per_rep\": ").append(opsPerRep);
    out.append(", \"us\": [");
    for (int i = 0; i < micros.length; i++) {
      out.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", micros[i]));
    }
    out.append("], \"describe\": {");
    int i = 0;
    for (Map.Entry<String, String> entry : described.entrySet()) {
      out.append(i++ == 0 ? "" : ", ").append(quote(entry.getKey())).append(": ")
          .append(quote(entry.getValue()));
    }
    return out.append("}}").toString();
  }

  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
