package dev.lamina.io;

import dev.lamina.Module;
import dev.lamina.io.ArchitectureException.Problem;
import dev.lamina.io.json.JsonException;
import dev.lamina.io.json.JsonObject;
import dev.lamina.io.json.StrictJson;
import dev.lamina.io.safetensors.SafetensorsHeader;
import dev.lamina.registry.LayerConfigException;
import dev.lamina.registry.LayerRegistry;
import dev.lamina.registry.UnknownLayerTypeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model's architecture as JSON, stored in a file's metadata under {@value #METADATA_KEY}: each
 * module is {@code {"type": "...", "config": {...}, "children": {"name": {...}, ...}}}
 * ({@code children} absent when empty, a child left null saved as {@code null}); a module met a
 * second time is {@code {"sameAs": "path.of.first.use"}}.
 *
 * <pre>{@code
 * {"type":"dev.lamina.Sequential","config":{},"children":{
 *   "0":{"type":"com.example.MyLinear","config":{"inUnits":64,"units":8}},
 *   "1":{"sameAs":"0"}}}
 * }</pre>
 *
 * <p>Rebuilding goes through {@link LayerRegistry} only: a file names registered types, never
 * classes. It runs with initialization {@linkplain Module#deferInit() deferred}, so that the layers
 * a file describes take no memory until the file's own weights fill them.
 */
final class Architecture {
  static final String METADATA_KEY = "lamina.architecture";

  /** The deepest nesting of modules that is saved and loaded. */
  static final int MAX_MODULE_DEPTH = 1000;

  /** A module at depth d is an object at JSON depth 2d - 1, its config (int arrays inside) below. */
  private static final int MAX_JSON_DEPTH = 2 * MAX_MODULE_DEPTH + 1;

  private static final StrictJson JSON = new StrictJson(MAX_JSON_DEPTH, SafetensorsHeader.MAX_HEADER_LENGTH);

  private Architecture() {}

  // ------------------------------------------------------------ describing

  /**
   * The JSON-ready description of {@code root}.
   *
   * @throws IllegalArgumentException if a module contains itself, modules nest deeper than
   *     {@link #MAX_MODULE_DEPTH}, or a config value cannot be saved
   */
  static Map<String, Object> describe(Module root) {
    return describe(root, "", 1, new IdentityHashMap<>(), new IdentityHashMap<>());
  }

  private static Map<String, Object> describe(Module module, String path, int depth,
      Map<Module, String> firstPath, Map<Module, Boolean> onPath) {
    Map<String, Object> node = new LinkedHashMap<>();
    String seenAt = firstPath.get(module);
    if (seenAt != null) {
      if (onPath.containsKey(module)) {
        throw new IllegalArgumentException(
            "module " + module.displayName() + " at \"" + path + "\" contains itself");
      }
      node.put("sameAs", seenAt);
      return node;
    }
    if (depth > MAX_MODULE_DEPTH) {
      throw new IllegalArgumentException("module " + module.displayName() + " at \""
          + abbreviate(path) + "\" is nested " + depth + " deep; a saved architecture holds at most "
          + MAX_MODULE_DEPTH + " levels of modules");
    }
    firstPath.put(module, path);
    onPath.put(module, Boolean.TRUE);
    node.put("type", module.typeName());
    node.put("config", config(module, path));
    Map<String, Object> children = new LinkedHashMap<>();
    for (Map.Entry<String, Module> child : module.children().entrySet()) {
      String childPath = path.isEmpty() ? child.getKey() : path + "." + child.getKey();
      children.put(child.getKey(), child.getValue() == null
          ? null
          : describe(child.getValue(), childPath, depth + 1, firstPath, onPath));
    }
    if (!children.isEmpty()) {
      node.put("children", children);
    }
    onPath.remove(module);
    return node;
  }

  private static Map<String, Object> config(Module module, String path) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : module.config().entrySet()) {
      Object v = e.getValue();
      if (v instanceof int[]) {
        List<Integer> list = new ArrayList<>();
        for (int i : (int[]) v) {
          list.add(i);
        }
        v = list;
      } else if (v instanceof Enum<?> constant) {
        // By name, as the layer's ConfigReader.enumValue reads it back.
        v = constant.name();
      } else if (!(v instanceof Integer || v instanceof Long || v instanceof Boolean
          || v instanceof String
          || ((v instanceof Double || v instanceof Float)
              && Double.isFinite(((Number) v).doubleValue())))) {
        throw new IllegalArgumentException(
            module.displayName() + " at \"" + path + "\": config entry \"" + e.getKey() + "\" is "
                + (v == null ? "null" : v.getClass().getSimpleName() + " " + v)
                + "; a saved config holds ints, longs, finite floats and doubles, booleans, strings, enum constants and int arrays");
      }
      if (v instanceof String && StrictJson.loneSurrogate((String) v) >= 0) {
        throw new IllegalArgumentException(module.displayName() + " at \"" + path
            + "\": config entry \"" + e.getKey() + "\" holds an unpaired surrogate, which no file can hold");
      }
      out.put(e.getKey(), v);
    }
    return out;
  }

  private static String abbreviate(String path) {
    return path.length() <= 60 ? path : path.substring(0, 28) + "..." + path.substring(path.length() - 28);
  }

  // ------------------------------------------------------------ rebuilding

  /** Builds the model described by {@code json} (the metadata value), with init deferred. */
  static Module rebuild(String json) throws ArchitectureException {
    Object root;
    try {
      root = JSON.parse(json.getBytes(StandardCharsets.UTF_8));
    } catch (JsonException e) {
      throw new ArchitectureException(Problem.MALFORMED, "",
          METADATA_KEY + " is not valid JSON: " + e.getMessage(), e);
    }
    try (Module.DeferredInit deferred = Module.deferInit()) {
      return build(root, "", new LinkedHashMap<>());
    }
  }

  private static Module build(Object value, String path, Map<String, Module> built)
      throws ArchitectureException {
    String where = METADATA_KEY + ", module \"" + path + "\"";
    if (!(value instanceof JsonObject node)) {
      throw malformed(path, where + ": expected an object");
    }
    if (node.containsKey("sameAs")) {
      Object target = node.get("sameAs");
      if (node.size() != 1 || !(target instanceof String targetPath) || path.isEmpty()) {
        throw malformed(path, where + ": \"sameAs\" must be the only entry, a string,"
            + " and not on the root");
      }
      Module module = built.get(targetPath);
      if (module == null) {
        throw malformed(path,
            where + ": \"sameAs\" names \"" + target + "\", which is not a module built before it");
      }
      return module;
    }
    for (String key : node.keySet()) {
      if (!key.equals("type") && !key.equals("config") && !key.equals("children")) {
        throw malformed(path, where + ": unknown entry \"" + key
            + "\"; expected type, config, children or sameAs");
      }
    }
    Object type = node.get("type");
    if (!(type instanceof String typeName)) {
      throw malformed(path, where + ": \"type\" must be a string");
    }
    Object config = node.getOrDefault("config", new JsonObject());
    Object children = node.getOrDefault("children", new JsonObject());
    if (!(config instanceof JsonObject configObject)
        || !(children instanceof JsonObject childrenObject)) {
      throw malformed(path, where + ": \"config\" and \"children\" must be objects");
    }
    where += " (type \"" + type + "\")";
    Map<String, Module> kids = new LinkedHashMap<>();
    for (Map.Entry<String, Object> child : childrenObject.entrySet()) {
      String childPath = path.isEmpty() ? child.getKey() : path + "." + child.getKey();
      kids.put(child.getKey(),
          child.getValue() == null ? null : build(child.getValue(), childPath, built));
    }
    Map<String, Object> entries = new LinkedHashMap<>(configObject);
    Module module;
    try {
      module = LayerRegistry.create(typeName, entries, kids);
    } catch (UnknownLayerTypeException e) {
      throw new ArchitectureException(Problem.UNKNOWN_TYPE, path, where + ": " + e.getMessage(), e);
    } catch (LayerConfigException e) {
      Problem problem = e.part() == LayerConfigException.Part.CHILD ? Problem.CHILDREN : Problem.BAD_CONFIG;
      throw new ArchitectureException(problem, path, where + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new ArchitectureException(Problem.BAD_CONFIG, path,
          where + ": the layer refuses its config " + entries + ": " + e.getMessage(), e);
    }
    if (module == null) {
      throw new ArchitectureException(Problem.UNKNOWN_TYPE, path,
          where + ": the factory for \"" + type + "\" returned null", null);
    }
    checkNothingLeftOver(module, typeName, path, where, entries.keySet(), kids.keySet());
    built.put(path, module);
    return module;
  }

  /** Every entry and child in the file must be one the rebuilt layer has: none is ignored. */
  private static void checkNothingLeftOver(Module module, String type, String path, String where,
      Set<String> entries, Set<String> children) throws ArchitectureException {
    Set<String> extraEntries = new LinkedHashSet<>(entries);
    extraEntries.removeAll(module.config().keySet());
    if (!extraEntries.isEmpty()) {
      String entry = extraEntries.iterator().next();
      LayerConfigException e = new LayerConfigException(type, LayerConfigException.Part.CONFIG_ENTRY,
          entry, "absent", "its entries are " + module.config().keySet());
      throw new ArchitectureException(Problem.BAD_CONFIG, path, where + ": " + e.getMessage(), e);
    }
    Set<String> extraChildren = new LinkedHashSet<>(children);
    extraChildren.removeAll(module.children().keySet());
    if (!extraChildren.isEmpty()) {
      String child = extraChildren.iterator().next();
      LayerConfigException e = new LayerConfigException(type, LayerConfigException.Part.CHILD,
          child, "absent", "its children are " + module.children().keySet());
      throw new ArchitectureException(Problem.CHILDREN, path, where + ": " + e.getMessage(), e);
    }
  }

  private static ArchitectureException malformed(String path, String message) {
    return new ArchitectureException(Problem.MALFORMED, path, message, null);
  }
}
