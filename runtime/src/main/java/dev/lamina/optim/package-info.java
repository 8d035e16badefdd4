/**
 * Optimizers with PyTorch's update rules: {@link dev.lamina.optim.SGD}, {@link dev.lamina.optim.Adam}
 * and {@link dev.lamina.optim.AdamW}. They change parameters in place, outside the autograd graph.
 */
package dev.lamina.optim;
