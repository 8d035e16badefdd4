package dev.lamina.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.lamina.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Reads the reference values that {@code fixtures/runtime/make_fixtures.py} (and the scripts of
 * other fixture folders, such as {@code fixtures/opinfo}) computed with PyTorch.
 *
 * <p>A tensor is stored as {@code {"shape": [2, 3], "data": [...]}}, row-major, each float32 value
 * written exactly.
 */
public final class Fixtures {
  private static final String FOLDER = "fixtures/runtime";

  private Fixtures() {}

  /** The parsed JSON file {@code fixtures/runtime/<name>}, found from the module or the repository root. */
  public static JsonObject load(String name) {
    return load(FOLDER, name);
  }

  /**
   * The parsed JSON file {@code <folder>/<name>}, {@code folder} relative to the repository root
   * ({@code "fixtures/extras"}), found from the module or the repository root.
   */
  public static JsonObject load(String folder, String name) {
    Path file = folder(folder).resolve(name);
    try {
      return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixture " + file, e);
    }
  }

  /** The tensor stored as {@code {"shape": [...], "data": [...]}}. */
  public static Tensor tensor(JsonElement element) {
    JsonObject object = element.getAsJsonObject();
    return Tensor.of(floats(object.getAsJsonArray("data")), ints(object.getAsJsonArray("shape")));
  }

  /** The tensors of a JSON array of stored tensors. */
  public static Tensor[] tensors(JsonArray array) {
    Tensor[] out = new Tensor[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = tensor(array.get(i));
    }
    return out;
  }

  /** A JSON array of numbers as floats. */
  public static float[] floats(JsonArray array) {
    float[] out = new float[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) array.get(i).getAsDouble();
    }
    return out;
  }

  /** A JSON array of numbers as ints. */
  public static int[] ints(JsonArray array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).getAsInt();
    }
    return out;
  }

  private static Path folder(String folder) {
    Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve(folder))) {
        return p.resolve(folder);
      }
    }
    throw new IllegalStateException("no " + folder + " folder above " + dir);
  }
}
