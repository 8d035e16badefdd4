package dev.lamina.registry;

import dev.lamina.Module;
import java.util.Map;

/**
 * Rebuilds one registered layer type from what a saved file records of it: its hyperparameters and
 * its already rebuilt children. The processor writes one per {@code @Layer} class; the runtime
 * registers its containers by hand.
 */
public interface LayerFactory {
  /** The name files record for this type ({@code Module.typeName()}). */
  String typeName();

  /**
   * A new layer from {@code config} (as {@code Module.config()} wrote it, after a JSON round trip:
   * numbers may come back as any {@code Number}, arrays as {@code List}s) and {@code children} (by
   * name, as {@code Module.children()} listed them).
   *
   * @throws LayerConfigException naming the entry when the config or a child is missing or mistyped
   *     (any other {@code IllegalArgumentException} reads as a config value the layer refuses)
   */
  Module create(Map<String, Object> config, Map<String, Module> children);
}
