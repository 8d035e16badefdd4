package dev.lamina.opinfo;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.lamina.testing.Fixtures;

/** A recorded sample's non-tensor arguments, under the names of the Lamina method's parameters. */
final class OpInfoArgs {
  private final JsonObject json;

  OpInfoArgs(JsonObject json) {
    this.json = json;
  }

  int integer(String name) {
    return required(name).getAsInt();
  }

  int[] ints(String name) {
    return Fixtures.ints(json.getAsJsonArray(name));
  }

  float number(String name) {
    return required(name).getAsFloat();
  }

  boolean bool(String name) {
    return required(name).getAsBoolean();
  }

  String string(String name) {
    return required(name).getAsString();
  }

  private JsonElement required(String name) {
    if (!json.has(name)) {
      throw new IllegalArgumentException("the sample has no argument " + name + ": " + json);
    }
    return json.get(name);
  }

  /** {@code (dim=1, keepDim=true)}, or nothing when there are no arguments. */
  @Override
  public String toString() {
    if (json.size() == 0) {
      return "";
    }
    StringBuilder out = new StringBuilder("(");
    json.entrySet().forEach(e -> out.append(out.length() > 1 ? ", " : "")
        .append(e.getKey()).append('=').append(e.getValue()));
    return out.append(')').toString();
  }
}
