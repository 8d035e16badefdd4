/**
 * Symbolic shapes and their run-time checks: what the code generated for {@code @Shape} and
 * {@code @Param(shape = ...)} calls.
 */
package dev.lamina.shape;
