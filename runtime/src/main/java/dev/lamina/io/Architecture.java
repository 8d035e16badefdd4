package dev.lamina.io;

import dev.lamina.Module;
import dev.lamina.io.json.JsonException;
import dev.lamina.io.json.JsonObject;
import dev.lamina.io.json.StrictJson;
import dev.lamina.io.safetensors.SafetensorsException;
import dev.lamina.io.safetensors.SafetensorsHeader;
import dev.lamina.registry.LayerRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's architecture as JSON, stored in a file's metadata under {@value #METADATA_KEY}: each
 * module is {@code {"type": "...", "config": {...}, "children": {"name": {...}, ...}}}
 * ({@code children} absent when empty); a module met a second time is
 * {@code {"sameAs": "path.of.first.use"}}.
 *
 * <pre>{@code
 * {"type":"dev.lamina.Sequential","config":{},"children":{
 *   "0":{"type":"com.example.MyLinear","config":{"inUnits":64,"units":8}},
 *   "1":{"sameAs":"0"}}}
 * }</pre>
 *
 * <p>Rebuilding goes through {@link LayerRegistry} only: a file names registered types, never
 * classes.
 */
final class Architecture {
  static final String METADATA_KEY = "lamina.architecture";

  private static final int MAX_JSON_DEPTH = 512;

  private static final StrictJson JSON = new StrictJson(MAX_JSON_DEPTH, SafetensorsHeader.MAX_HEADER_LENGTH);

  private Architecture() {}

  // ------------------------------------------------------------ describing

  /** The JSON-ready description of {@code root}. */
  static Map<String, Object> describe(Module root) {
    return describe(root, "", new IdentityHashMap<>(), new IdentityHashMap<>());
  }

  private static Map<String, Object> describe(Module module, String path,
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
    firstPath.put(module, path);
    onPath.put(module, Boolean.TRUE);
    node.put("type", module.typeName());
    node.put("config", config(module, path));
    Map<String, Object> children = new LinkedHashMap<>();
    for (Map.Entry<String, Module> child : module.children().entrySet()) {
      if (child.getValue() != null) {
        String childPath = path.isEmpty() ? child.getKey() : path + "." + child.getKey();
        children.put(child.getKey(), describe(child.getValue(), childPath, firstPath, onPath));
      }
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
      } else if (!(v instanceof Integer || v instanceof Long || v instanceof Boolean
          || v instanceof String
          || ((v instanceof Double || v instanceof Float)
              && Double.isFinite(((Number) v).doubleValue())))) {
        throw new IllegalArgumentException(
            module.displayName() + " at \"" + path + "\": config entry \"" + e.getKey() + "\" is "
                + (v == null ? "null" : v.getClass().getSimpleName() + " " + v)
                + "; a saved config holds ints, longs, finite floats and doubles, booleans, strings and int arrays");
      }
      out.put(e.getKey(), v);
    }
    return out;
  }

  // ------------------------------------------------------------ rebuilding

  /** Builds the model described by {@code json} (the metadata value). */
  static Module rebuild(String json) throws SafetensorsException {
    Object root;
    try {
      root = JSON.parse(json.getBytes(StandardCharsets.UTF_8));
    } catch (JsonException e) {
      throw new SafetensorsException(METADATA_KEY + " is not valid JSON: " + e.getMessage(), e);
    }
    return build(root, "", new LinkedHashMap<>());
  }

  private static Module build(Object value, String path, Map<String, Module> built)
      throws SafetensorsException {
    String where = METADATA_KEY + ", module \"" + path + "\"";
    if (!(value instanceof JsonObject)) {
      throw new SafetensorsException(where + ": expected an object");
    }
    JsonObject node = (JsonObject) value;
    if (node.containsKey("sameAs")) {
      Object target = node.get("sameAs");
      if (node.size() != 1 || !(target instanceof String) || path.isEmpty()) {
        throw new SafetensorsException(where + ": \"sameAs\" must be the only entry, a string,"
            + " and not on the root");
      }
      Module module = built.get(target);
      if (module == null) {
        throw new SafetensorsException(
            where + ": \"sameAs\" names \"" + target + "\", which is not a module built before it");
      }
      return module;
    }
    for (String key : node.keySet()) {
      if (!key.equals("type") && !key.equals("config") && !key.equals("children")) {
        throw new SafetensorsException(where + ": unknown entry \"" + key
            + "\"; expected type, config, children or sameAs");
      }
    }
    Object type = node.get("type");
    if (!(type instanceof String)) {
      throw new SafetensorsException(where + ": \"type\" must be a string");
    }
    Object config = node.getOrDefault("config", new JsonObject());
    Object children = node.getOrDefault("children", new JsonObject());
    if (!(config instanceof JsonObject) || !(children instanceof JsonObject)) {
      throw new SafetensorsException(where + ": \"config\" and \"children\" must be objects");
    }
    Map<String, Module> kids = new LinkedHashMap<>();
    for (Map.Entry<String, Object> child : ((JsonObject) children).entrySet()) {
      String childPath = path.isEmpty() ? child.getKey() : path + "." + child.getKey();
      kids.put(child.getKey(), build(child.getValue(), childPath, built));
    }
    Module module;
    try {
      module = LayerRegistry.create((String) type, new LinkedHashMap<>((JsonObject) config), kids);
    } catch (RuntimeException e) {
      throw new SafetensorsException(where + " (type \"" + type + "\"): " + e.getMessage(), e);
    }
    if (module == null) {
      throw new SafetensorsException(where + ": the factory for \"" + type + "\" returned null");
    }
    built.put(path, module);
    return module;
  }
}
