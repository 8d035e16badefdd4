package dev.lamina.spark.train;

import java.io.Serializable;

/** One chunk's weights on their way to a partition that assembles the whole vector. */
record WeightSlice(int chunk, float[] values) implements Serializable {}
