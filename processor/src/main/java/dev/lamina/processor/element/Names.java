package dev.lamina.processor.element;

/**
 * The qualified names of the types the processor reads and writes against. Kept as strings so that
 * the processor needs neither the annotations nor the runtime on its own class path.
 */
public final class Names {
  public static final String LAYER = "dev.lamina.annotations.Layer";
  public static final String PARAM = "dev.lamina.annotations.Param";
  public static final String BUFFER = "dev.lamina.annotations.Buffer";
  public static final String SHAPE = "dev.lamina.annotations.Shape";
  public static final String INIT = "dev.lamina.annotations.Init";
  public static final String MODULE = "dev.lamina.Module";
  public static final String TENSOR = "dev.lamina.Tensor";
  public static final String LIST = "java.util.List";
  public static final String MAP = "java.util.Map";

  /** The prefix of every generated class, the AutoValue convention. */
  public static final String GENERATED_PREFIX = "Lamina_";

  private Names() {}
}
