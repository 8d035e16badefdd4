package dev.lamina.spark.train;

import dev.lamina.Module;
import dev.lamina.optim.Optimizer;
import dev.lamina.spark.data.TrainingData;
import dev.lamina.spark.io.HadoopCheckpoints;
import dev.lamina.spark.io.ModelBytes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Synchronous data-parallel training of a classifier on Spark. Each step broadcasts the model's
 * flat weights; every partition computes the loss and gradient of its share of the step's global
 * batch (see {@link BatchSchedule}) on a copy of the model rebuilt once per executor thread; the
 * shares, each divided by the global batch size, are summed by {@code treeAggregate}; and the
 * optimizer steps once on the sum, on the driver. The loss is cross-entropy averaged over the
 * global batch, so the losses match a single-JVM run over the same batches, whatever the number of
 * partitions, to float rounding. {@link Options#localSteps} trades that for less communication:
 * k local steps on each partition, then the weights are averaged. {@link Options#aggregation}
 * {@link Aggregation#SHARDED} keeps the weights and the optimizer's state in chunks on the
 * executors instead, for models whose gradients are too large to bring to the driver each step.
 *
 * <pre>{@code
 * Sequential model = new Sequential(Linear.create(784, 128), ReLU.create(),
 *     Linear.create(128, 10));
 * Adam adam = new Adam(model.parameters(), 1e-3);
 * try (TrainingData data = TrainingData.of(digits, "features", "label", 0)) {
 *   SparkTrainer trainer = new SparkTrainer(sc, model, adam, new SparkTrainer.Options());
 *   trainer.train(data, 200);
 * }
 * }</pre>
 *
 * <p>The model must be one that {@link Module#load} can rebuild (built-in and {@code @Layer}
 * layers), since that is how executors get their copies. Checkpoints hold the weights and the
 * optimizer's state (Adam's moments, SGD's momentum, the count of steps), so a resumed run takes
 * the steps the uninterrupted one would.
 */
public final class SparkTrainer {
  /** How to train. */
  public static final class Options {
    /** Samples per global batch, over all partitions. */
    public int batchSize = 64;
    /** Seeds the order of samples in each epoch. */
    public long seed = 0;
    /** How the gradients are summed and the weights updated; see {@link Aggregation}. */
    public Aggregation aggregation = Aggregation.TREE;
    /** The depth of {@code treeAggregate}'s tree, for {@link Aggregation#TREE}. */
    public int aggregationDepth = 2;
    /** The shape of one sample as the model takes it; null for the flat features. */
    public int[] sampleShape;
    /** A Hadoop path or URI for checkpoints, or null for none. */
    public String checkpointFolder;
    /** Steps between checkpoints. */
    public int checkpointEvery = 100;
    /** Whether to start from the newest checkpoint in {@link #checkpointFolder}. */
    public boolean resume;
    /**
     * Steps each partition takes on its own before the weights are averaged; 1 (the default) for
     * synchronous steps on the summed gradient. With k &gt; 1 each partition takes a plain SGD step
     * of {@link #localLearningRate} on its shard of each of k global batches in turn, the driver
     * averages the partitions' weights (weighted by their samples), and the optimizer steps on
     * {@code weights - average}: plain {@code SGD} with learning rate 1 makes the average the new
     * weights. The result then depends on the partitioning.
     */
    public int localSteps = 1;
    /** The learning rate of the local steps. */
    public double localLearningRate = 0.01;
    /** Called on the driver after each step (after each round of local steps). */
    public Consumer<StepReport> listener = report -> {};
  }

  private final JavaSparkContext spark;
  private final Module model;
  private final Optimizer optimizer;
  private final OptimizerFactory optimizers;
  private final Options options;
  private final HadoopCheckpoints checkpoints;
  private final String runId = UUID.randomUUID().toString();
  private long step;

  /**
   * A trainer of {@code model} by {@code optimizer} (which must update {@code model}'s parameters);
   * with {@code options.resume}, the model takes the newest checkpoint's weights and training goes
   * on from its step. {@link Aggregation#SHARDED} needs the other constructor, which can make the
   * optimizer on executors.
   */
  public SparkTrainer(JavaSparkContext spark, Module model, Optimizer optimizer, Options options)
      throws IOException {
    this(spark, model, optimizer, null, options);
  }

  /**
   * A trainer of {@code model} by the optimizer {@code optimizers} makes over its parameters (on
   * the driver, and for {@link Aggregation#SHARDED} over each chunk on the executors, which asks
   * for an optimizer that updates each value on its own: see {@link OptimizerFactory}).
   */
  public SparkTrainer(JavaSparkContext spark, Module model, OptimizerFactory optimizers,
      Options options) throws IOException {
    this(spark, model, optimizers.create(model.parameters()), optimizers, options);
  }

  private SparkTrainer(JavaSparkContext spark, Module model, Optimizer optimizer,
      OptimizerFactory optimizers, Options options) throws IOException {
    if (options.batchSize <= 0) {
      throw new IllegalArgumentException("batch size must be positive, but it is "
          + options.batchSize);
    }
    if (options.localSteps <= 0) {
      throw new IllegalArgumentException("localSteps must be positive, but it is "
          + options.localSteps);
    }
    if (options.checkpointEvery <= 0) {
      throw new IllegalArgumentException("checkpointEvery must be positive, but it is "
          + options.checkpointEvery);
    }
    if (options.aggregation == Aggregation.SHARDED && optimizers == null) {
      throw new IllegalArgumentException("sharded aggregation steps the optimizer on executors,"
          + " so it needs an OptimizerFactory, such as parameters -> new SGD(parameters, 0.1),"
          + " but the trainer was given an optimizer");
    }
    if (options.aggregation == Aggregation.SHARDED && options.localSteps != 1) {
      throw new IllegalArgumentException("sharded aggregation takes synchronous steps, so"
          + " localSteps must be 1, but it is " + options.localSteps);
    }
    this.spark = spark;
    this.model = model;
    this.optimizer = optimizer;
    this.optimizers = optimizers;
    this.options = options;
    this.checkpoints = options.checkpointFolder == null ? null
        : new HadoopCheckpoints(options.checkpointFolder, spark.hadoopConfiguration());
    if (options.resume && checkpoints != null) {
      HadoopCheckpoints.Saved latest = checkpoints.latest().orElse(null);
      if (latest != null) {
        checkpoints.loadInto(model, optimizer, latest);
        step = latest.step();
      }
    }
  }

  /** The optimizer, which holds its state between {@link #train} calls. */
  public Optimizer optimizer() {
    return optimizer;
  }

  /** The number of steps taken so far (including those of a checkpoint resumed from). */
  public long step() {
    return step;
  }

  /** Trains for whole epochs of {@code data}, until {@code epochs} epochs are done in all. */
  public List<Double> trainEpochs(TrainingData data, int epochs) throws IOException {
    BatchSchedule schedule = schedule(data);
    return train(data, (long) epochs * schedule.stepsPerEpoch());
  }

  /**
   * Trains on {@code data} until {@code totalSteps} steps are done in all; returns the loss of each
   * step taken by this call (of each round, with local steps: the mean over its samples).
   */
  public List<Double> train(TrainingData data, long totalSteps) throws IOException {
    BatchSchedule schedule = schedule(data);
    int[] sampleShape = options.sampleShape != null ? options.sampleShape
        : new int[] {data.featuresPerSample()};
    List<Double> losses = new ArrayList<>();
    Broadcast<byte[]> architecture = spark.broadcast(ModelBytes.of(model));
    ShardedWeights sharded = null;
    try {
      if (options.aggregation == Aggregation.SHARDED && step < totalSteps) {
        sharded = ShardedWeights.start(spark, model, optimizer, optimizers,
            data.blocks().getNumPartitions());
      }
      while (step < totalSteps) {
        long before = step;
        if (sharded != null) {
          losses.add(shardedStep(data, schedule, architecture, sampleShape, sharded));
        } else if (options.localSteps == 1) {
          losses.add(step(data, schedule, architecture, sampleShape));
        } else {
          long end = Math.min(totalSteps, step + options.localSteps);
          losses.add(localRound(data, schedule, architecture, sampleShape, end));
        }
        boolean due = step / options.checkpointEvery > before / options.checkpointEvery;
        if (checkpoints != null && due) {
          if (sharded != null) {
            sharded.copyInto(model, optimizer);
          }
          checkpoints.save(model, optimizer, step);
        }
      }
      if (sharded != null) {
        sharded.copyInto(model, optimizer);
      }
    } finally {
      if (sharded != null) {
        sharded.close();
      }
      architecture.destroy();
    }
    return losses;
  }

  private double localRound(TrainingData data, BatchSchedule schedule,
      Broadcast<byte[]> architecture, int[] sampleShape, long end) {
    long start = System.nanoTime();
    float[] before = FlatParameters.values(model);
    Broadcast<float[]> weights = spark.broadcast(before);
    ShardSum sum;
    try {
      LocalSteps round = new LocalSteps(runId, architecture, weights, schedule, step, end,
          options.localLearningRate, sampleShape);
      sum = data.blocks().treeAggregate(new ShardSum(),
          (partial, block) -> partial.add(round.compute(block)),
          ShardSum::add, options.aggregationDepth);
    } finally {
      weights.destroy();
    }
    long expected = 0;
    for (long s = step; s < end; s++) {
      expected += schedule.batchSize(s);
    }
    if (sum.samples() != expected || sum.vector() == null) {
      throw new IllegalStateException("steps " + step + " to " + (end - 1) + ": the partitions"
          + " covered " + sum.samples() + " samples of " + expected);
    }
    float[] difference = sum.vector();
    for (int i = 0; i < difference.length; i++) {
      difference[i] = before[i] - difference[i] / sum.samples();
    }
    FlatParameters.setGradients(model, difference);
    optimizer.step();
    optimizer.zeroGrad();
    double loss = sum.loss() / sum.samples();
    StepReport report = new StepReport(step, schedule.epoch(step),
        (int) (step % schedule.stepsPerEpoch()), schedule.stepsPerEpoch(), (int) expected, loss,
        (System.nanoTime() - start) / 1e9);
    step = end;
    options.listener.accept(report);
    return loss;
  }

  private BatchSchedule schedule(TrainingData data) {
    return new BatchSchedule(data.sampleCount(), options.batchSize, options.seed);
  }

  private double step(TrainingData data, BatchSchedule schedule, Broadcast<byte[]> architecture,
      int[] sampleShape) {
    long start = System.nanoTime();
    Broadcast<float[]> weights = spark.broadcast(FlatParameters.values(model));
    ShardSum sum;
    try {
      ShardStep shard = new ShardStep(runId, architecture, schedule, step, sampleShape);
      sum = data.blocks().treeAggregate(new ShardSum(),
          (partial, block) -> partial.add(shard.compute(block, weights.value())),
          ShardSum::add, options.aggregationDepth);
    } finally {
      weights.destroy();
    }
    requireWholeBatch(schedule, sum.samples(), sum.vector() != null);
    FlatParameters.setGradients(model, sum.vector());
    optimizer.step();
    optimizer.zeroGrad();
    return finishStep(schedule, sum.loss(), start);
  }

  private double shardedStep(TrainingData data, BatchSchedule schedule,
      Broadcast<byte[]> architecture, int[] sampleShape, ShardedWeights sharded) {
    long start = System.nanoTime();
    ShardedWeights.Totals totals = sharded.step(data.blocks(),
        new ShardStep(runId, architecture, schedule, step, sampleShape));
    requireWholeBatch(schedule, totals.samples(), true);
    return finishStep(schedule, totals.loss(), start);
  }

  private void requireWholeBatch(BatchSchedule schedule, long samples, boolean summed) {
    int expected = schedule.batchSize(step);
    if (samples != expected || !summed) {
      throw new IllegalStateException("step " + step + ": the partitions covered " + samples
          + " samples of a batch of " + expected);
    }
  }

  private double finishStep(BatchSchedule schedule, double loss, long start) {
    StepReport report = new StepReport(step, schedule.epoch(step),
        (int) (step % schedule.stepsPerEpoch()), schedule.stepsPerEpoch(),
        schedule.batchSize(step), loss, (System.nanoTime() - start) / 1e9);
    step++;
    options.listener.accept(report);
    return loss;
  }
}
