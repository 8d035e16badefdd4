package dev.lamina.registry;

import dev.lamina.Module;
import dev.lamina.ModuleDict;
import dev.lamina.ModuleList;
import dev.lamina.Sequential;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The closed set of layer types a saved model can be rebuilt from: the factories generated for
 * {@code @Layer} classes on the class path (listed in {@code META-INF/services} by the processor) and
 * the runtime's containers. A file names a type; it never names a class to load.
 */
public final class LayerRegistry {
  private static volatile Map<String, LayerFactory> factories;

  private LayerRegistry() {}

  /**
   * Rebuilds a layer of {@code type}.
   *
   * @throws UnknownLayerTypeException if {@code type} is not registered
   * @throws LayerConfigException if the factory finds an entry or child missing or mistyped
   */
  public static Module create(String type, Map<String, Object> config,
      Map<String, Module> children) {
    LayerFactory factory = all().get(type);
    if (factory == null) {
      throw new UnknownLayerTypeException(type, knownTypes());
    }
    return factory.create(config, children);
  }

  /** The registered type names, sorted. */
  public static Set<String> knownTypes() {
    return Collections.unmodifiableSet(all().keySet());
  }

  private static Map<String, LayerFactory> all() {
    Map<String, LayerFactory> map = factories;
    if (map == null) {
      synchronized (LayerRegistry.class) {
        map = factories;
        if (map == null) {
          map = new TreeMap<>();
          register(map, new SequentialFactory());
          register(map, new ModuleListFactory());
          register(map, new ModuleDictFactory());
          for (LayerFactory f : loadable(ServiceLoader.load(LayerFactory.class,
              LayerRegistry.class.getClassLoader()))) {
            register(map, f);
          }
          if (Thread.currentThread().getContextClassLoader() != null) {
            for (LayerFactory f : loadable(ServiceLoader.load(LayerFactory.class))) {
              map.putIfAbsent(f.typeName(), f);
            }
          }
          factories = map;
        }
      }
    }
    return map;
  }

  /**
   * The factories that load; a listed class that is gone (a layer deleted since an incremental
   * build wrote the list) is skipped with a warning rather than breaking every other type.
   */
  private static List<LayerFactory> loadable(ServiceLoader<LayerFactory> loader) {
    List<LayerFactory> out = new ArrayList<>();
    Iterator<LayerFactory> it = loader.iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          return out;
        }
        out.add(it.next());
      } catch (ServiceConfigurationError e) {
        System.getLogger(LayerRegistry.class.getName())
            .log(System.Logger.Level.WARNING, "skipping a layer factory: " + e.getMessage());
      }
    }
  }

  private static void register(Map<String, LayerFactory> map, LayerFactory factory) {
    LayerFactory previous = map.putIfAbsent(factory.typeName(), factory);
    if (previous != null && previous.getClass() != factory.getClass()) {
      throw new IllegalStateException(
          "layer type \"" + factory.typeName() + "\" is registered twice, by "
              + previous.getClass().getName() + " and " + factory.getClass().getName());
    }
  }

  /** The children of a container numbered {@code 0..n-1}, in order, none null. */
  private static List<Module> numbered(String type, Map<String, Module> children) {
    List<Module> out = new ArrayList<>(children.size());
    for (int i = 0; i < children.size(); i++) {
      String name = Integer.toString(i);
      if (!children.containsKey(name)) {
        throw new LayerConfigException(type, LayerConfigException.Part.CHILD, name, "present",
            "children must be named 0.." + (children.size() - 1) + ", but they are " + children.keySet());
      }
      Module child = children.get(name);
      if (child == null) {
        throw new LayerConfigException(type, LayerConfigException.Part.CHILD, name, "a module", "null");
      }
      out.add(child);
    }
    return out;
  }

  private static final class ModuleListFactory implements LayerFactory {
    @Override
    public String typeName() {
      return ModuleList.TYPE_NAME;
    }

    @Override
    public Module create(Map<String, Object> config, Map<String, Module> children) {
      return ModuleList.of(numbered(typeName(), children));
    }
  }

  private static final class ModuleDictFactory implements LayerFactory {
    @Override
    public String typeName() {
      return ModuleDict.TYPE_NAME;
    }

    @Override
    public Module create(Map<String, Object> config, Map<String, Module> children) {
      for (Map.Entry<String, Module> child : children.entrySet()) {
        if (child.getValue() == null) {
          throw new LayerConfigException(typeName(), LayerConfigException.Part.CHILD,
              child.getKey(), "a module", "null");
        }
      }
      return ModuleDict.of(children);
    }
  }

  private static final class SequentialFactory implements LayerFactory {
    @Override
    public String typeName() {
      return Sequential.TYPE_NAME;
    }

    @Override
    public Module create(Map<String, Object> config, Map<String, Module> children) {
      return new Sequential(numbered(typeName(), children).toArray(new Module[0]));
    }
  }
}
