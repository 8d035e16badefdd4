package dev.lamina.spark.train;

import java.io.Serializable;

/**
 * One partition's gradient over one chunk, on its way to the chunk's owner, with the partition's
 * share of the loss and its number of samples (the same in every slice it sends), so that each
 * owner can check that it heard from every partition that had samples.
 */
record GradientSlice(int partition, float[] values, double loss, long samples)
    implements Serializable {}
