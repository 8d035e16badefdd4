package dev.lamina.spark.train;

import dev.lamina.Module;
import dev.lamina.optim.Optimizer;
import dev.lamina.spark.data.SampleBlock;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.HashPartitioner;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * The weights and the optimizer's state of {@link Aggregation#SHARDED} training: one chunk per
 * partition of a cached RDD, partition {@code k} holding chunk {@code k}, so that each lives on the
 * executor that owns it. A step is one Spark job of three stages, joined by two shuffles:
 *
 * <ol>
 *   <li>each owner sends its chunk's weights to every data partition (the all-gather);
 *   <li>each data partition assembles the weights, computes its gradient and sends chunk {@code k}
 *       of it to owner {@code k} (the reduce-scatter);
 *   <li>each owner sums its chunk's slices and steps the optimizer on it, making the next RDD.
 * </ol>
 *
 * <p>The driver receives one loss and one sample count per chunk. Each new RDD is checkpointed
 * locally (kept by the executors' block managers, its lineage cut) so that step {@code t} does
 * not carry the plans of the {@code t} steps before it; the price is that losing an executor loses
 * its chunks and stops training, to be resumed from the trainer's checkpoints, whereas a task that
 * fails is retried with the same inputs.
 */
final class ShardedWeights implements AutoCloseable {
  private final ChunkRanges ranges;
  private final OptimizerFactory optimizers;
  private final List<Broadcast<?>> initial;
  private JavaPairRDD<Integer, WeightShard> shards;

  private ShardedWeights(ChunkRanges ranges, OptimizerFactory optimizers,
      JavaPairRDD<Integer, WeightShard> shards, List<Broadcast<?>> initial) {
    this.initial = initial;
    this.ranges = ranges;
    this.optimizers = optimizers;
    this.shards = shards;
  }

  /**
   * Cuts {@code model}'s weights and {@code optimizer}'s state into {@code chunks} chunks (fewer if
   * the model has fewer values) and sends them to the executors, through one broadcast.
   */
  static ShardedWeights start(JavaSparkContext spark, Module model, Optimizer optimizer,
      OptimizerFactory optimizers, int chunks) {
    int length = FlatParameters.count(model);
    ChunkRanges ranges = new ChunkRanges(length, Math.min(chunks, Math.max(1, length)));
    FlatOptimizerState state = FlatOptimizerState.of(optimizer);
    long steps = state.steps();
    Broadcast<float[]> weights = spark.broadcast(FlatParameters.values(model));
    Broadcast<Map<String, float[]>> arrays = spark.broadcast(new LinkedHashMap<>(state.arrays()));
    List<Integer> indices = new ArrayList<>();
    for (int k = 0; k < ranges.count(); k++) {
      indices.add(k);
    }
    JavaPairRDD<Integer, WeightShard> shards = spark.parallelize(indices, ranges.count())
        .mapToPair(k -> new Tuple2<>(k,
            WeightShard.cut(k, ranges, weights.value(), arrays.value(), steps)));
    shards.rdd().localCheckpoint();
    shards.count();
    // A mapped RDD keeps its function when a checkpoint cuts its lineage, and later jobs
    // serialize it with their own RDDs, so the broadcasts must stay valid until close();
    // unpersisting frees the executors' copies now.
    weights.unpersist(false);
    arrays.unpersist(false);
    return new ShardedWeights(ranges, optimizers, shards, List.of(weights, arrays));
  }

  /** What one step summed: the loss of the global batch and the samples it counted. */
  record Totals(double loss, long samples) implements Serializable {}

  /**
   * One step: every block of {@code blocks} computes {@code shard}'s gradient on the current
   * weights, and each chunk takes one optimizer step on its summed gradient.
   *
   * @throws IllegalStateException if the chunk owners did not all count the same samples
   */
  Totals step(JavaRDD<SampleBlock> blocks, ShardStep shard) {
    int workers = blocks.getNumPartitions();
    ChunkRanges ranges = this.ranges;
    OptimizerFactory optimizers = this.optimizers;
    JavaRDD<WeightSlice> gathered = shards
        .flatMapToPair(owned -> copies(owned._2(), workers))
        .partitionBy(new HashPartitioner(workers))
        .values();
    JavaPairRDD<Integer, GradientSlice> gradients = JavaPairRDD.fromJavaRDD(
        blocks.zipPartitions(gathered, (block, slices) -> gradientSlices(block, slices, ranges,
            shard)));
    // Integer keys 0..n-1 hash to themselves: slices of chunk k go to partition k, its owner's.
    JavaPairRDD<Integer, WeightShard> next = JavaPairRDD.fromJavaRDD(shards.zipPartitions(
        gradients.partitionBy(new HashPartitioner(ranges.count())),
        (owned, incoming) -> stepChunk(owned, incoming, optimizers)));
    next.rdd().localCheckpoint();
    List<Totals> totals = next.map(owned -> new Totals(owned._2().loss(), owned._2().samples()))
        .collect();
    shards.unpersist(false);
    shards = next;
    for (Totals chunk : totals) {
      if (chunk.samples() != totals.get(0).samples()) {
        throw new IllegalStateException("the chunk owners counted different samples: "
            + totals);
      }
    }
    return totals.get(0);
  }

  private static Iterator<Tuple2<Integer, WeightSlice>> copies(WeightShard shard, int workers) {
    WeightSlice slice = new WeightSlice(shard.chunk(), shard.weights());
    List<Tuple2<Integer, WeightSlice>> out = new ArrayList<>(workers);
    for (int partition = 0; partition < workers; partition++) {
      out.add(new Tuple2<>(partition, slice));
    }
    return out.iterator();
  }

  private static Iterator<Tuple2<Integer, GradientSlice>> gradientSlices(
      Iterator<SampleBlock> blocks, Iterator<WeightSlice> slices, ChunkRanges ranges,
      ShardStep shard) {
    float[] weights = new float[ranges.length()];
    int received = 0;
    while (slices.hasNext()) {
      WeightSlice slice = slices.next();
      System.arraycopy(slice.values(), 0, weights, ranges.start(slice.chunk()),
          ranges.size(slice.chunk()));
      received++;
    }
    if (received != ranges.count()) {
      throw new IllegalStateException("a partition received " + received + " chunks of the"
          + " weights, not " + ranges.count());
    }
    ShardSum sum = new ShardSum();
    while (blocks.hasNext()) {
      sum.add(shard.compute(blocks.next(), weights));
    }
    List<Tuple2<Integer, GradientSlice>> out = new ArrayList<>(ranges.count());
    if (sum.vector() == null) {
      return out.iterator();
    }
    int partition = TaskContext.getPartitionId();
    for (int k = 0; k < ranges.count(); k++) {
      float[] values = new float[ranges.size(k)];
      System.arraycopy(sum.vector(), ranges.start(k), values, 0, values.length);
      out.add(new Tuple2<>(k, new GradientSlice(partition, values, sum.loss(), sum.samples())));
    }
    return out.iterator();
  }

  private static Iterator<Tuple2<Integer, WeightShard>> stepChunk(
      Iterator<Tuple2<Integer, WeightShard>> owned,
      Iterator<Tuple2<Integer, GradientSlice>> incoming, OptimizerFactory optimizers) {
    WeightShard shard = owned.next()._2();
    List<GradientSlice> slices = new ArrayList<>();
    while (incoming.hasNext()) {
      Tuple2<Integer, GradientSlice> slice = incoming.next();
      if (slice._1() != shard.chunk()) {
        throw new IllegalStateException("the owner of chunk " + shard.chunk()
            + " received a slice of chunk " + slice._1());
      }
      slices.add(slice._2());
    }
    WeightShard next = shard.step(slices, optimizers);
    return List.of(new Tuple2<>(next.chunk(), next)).iterator();
  }

  /**
   * Copies the weights into {@code model} and the optimizer's state into {@code optimizer}, one
   * chunk per job, so that no job's results exceed {@code spark.driver.maxResultSize} for being
   * the whole model at once.
   */
  void copyInto(Module model, Optimizer optimizer) {
    float[] weights = new float[ranges.length()];
    Map<String, float[]> arrays = new LinkedHashMap<>();
    long steps = 0;
    for (int k = 0; k < ranges.count(); k++) {
      WeightShard shard = shards.collectPartitions(new int[] {k})[0].get(0)._2();
      System.arraycopy(shard.weights(), 0, weights, ranges.start(k), ranges.size(k));
      for (Map.Entry<String, float[]> state : shard.state().entrySet()) {
        System.arraycopy(state.getValue(), 0,
            arrays.computeIfAbsent(state.getKey(), name -> new float[ranges.length()]),
            ranges.start(k), ranges.size(k));
      }
      steps = shard.steps();
    }
    FlatParameters.load(model, weights);
    new FlatOptimizerState(arrays, steps).loadInto(optimizer);
  }

  /** Drops the chunks from the executors. */
  @Override
  public void close() {
    shards.unpersist(false);
    initial.forEach(Broadcast::destroy);
  }
}
