/** Loss functions with PyTorch's definitions: {@link dev.lamina.loss.Losses}. */
package dev.lamina.loss;
