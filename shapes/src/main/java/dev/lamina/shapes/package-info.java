/**
 * The shape grammar of {@code @Shape} and {@code @Param(shape = ...)}, in one place: parsing
 * ({@link dev.lamina.shapes.ShapeSyntax}), the parsed entry ({@link dev.lamina.shapes.Dimension}),
 * overflow-checked evaluation, and the matching of actual sizes against a declared shape
 * ({@link dev.lamina.shapes.SizeBindings}). The processor checks declarations with it; the runtime
 * checks tensors and allocates parameters with it.
 */
package dev.lamina.shapes;
