package dev.lamina;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The table behind {@link Module#summary()}: one row per layer below the root (the root itself
 * when it has no children), its type shown with its hyperparameters, then the totals of
 * parameters and, when there are any, of buffer values.
 */
final class ModuleSummary {
  private static final String[] HEADER = {"Layer (path)", "Type", "Output shape", "Param #"};

  private final Module root;

  ModuleSummary(Module root) {
    this.root = root;
  }

  String render() {
    List<String[]> rows = new ArrayList<>();
    Map<String, Module> modules = root.namedModules();
    for (Map.Entry<String, Module> entry : modules.entrySet()) {
      if (entry.getKey().isEmpty() && modules.size() > 1) {
        continue;
      }
      Module module = entry.getValue();
      String path = entry.getKey().isEmpty() ? "(root)" : entry.getKey();
      rows.add(new String[] {path, type(module), outputShape(module), ownCount(module)});
    }
    int[] widths = new int[HEADER.length];
    for (String[] row : concat(HEADER, rows)) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    int total = 0;
    for (int width : widths) {
      total += width + 2;
    }
    String rule = "=".repeat(total - 2);
    StringBuilder out = new StringBuilder();
    out.append(line(HEADER, widths)).append(rule).append('\n');
    for (String[] row : rows) {
      out.append(line(row, widths));
    }
    out.append(rule).append('\n');
    long trainable = 0;
    long all = 0;
    for (Tensor parameter : root.parameters()) {
      all += parameter.numel();
      trainable += parameter.requiresGrad() ? parameter.numel() : 0;
    }
    String pending = hasPending() ? " + ? (inferred on the first call)" : "";
    out.append("Total params: ").append(all).append(pending).append('\n');
    out.append("Trainable params: ").append(trainable).append(pending).append('\n');
    out.append("Non-trainable params: ").append(all - trainable).append('\n');
    long buffered = 0;
    for (Tensor buffer : root.buffers()) {
      buffered += buffer.numel();
    }
    if (buffered > 0) {
      out.append("Buffers: ").append(buffered).append(" values, not trained\n");
    }
    return out.toString();
  }

  /** The layer's name with its hyperparameters, as its line in {@code toString}: {@code Linear(in_features=3, ...)}. */
  private static String type(Module module) {
    String extra = module.extraRepr();
    return extra.isEmpty() ? module.displayName() : module.displayName() + "(" + extra + ")";
  }

  private boolean hasPending() {
    for (Module module : root.namedModules().values()) {
      if (module.localParameters().containsValue(null)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The last shape seen, else the declared one, else (for a container) its last child's; with the
   * shape the compiler inferred for a layer that declares none: {@code [4, 8] (inferred [batch,
   * 8])}, or {@code [batch, 8] (inferred)} before data has flowed.
   */
  static String outputShape(Module module) {
    int[] observed = module.observedOutputShape();
    List<String> declared = module.declaredOutputShape();
    List<String> inferred = declared == null ? module.inferredOutputShape() : null;
    if (observed != null) {
      String seen = Arrays.toString(observed);
      return inferred == null ? seen : seen + " (inferred " + inferred + ")";
    }
    if (declared != null) {
      return declared.toString();
    }
    if (inferred != null) {
      return inferred + " (inferred)";
    }
    List<Module> children = new ArrayList<>(module.localChildren().values());
    return children.isEmpty() ? "?" : outputShape(children.get(children.size() - 1));
  }

  private static String ownCount(Module module) {
    long count = 0;
    for (Tensor parameter : module.localParameters().values()) {
      if (parameter == null) {
        return "?";
      }
      count += parameter.numel();
    }
    return Long.toString(count);
  }

  private static String line(String[] cells, int[] widths) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      out.append(cells[i]);
      if (i < cells.length - 1) {
        out.append(" ".repeat(widths[i] - cells[i].length() + 2));
      }
    }
    return out.append('\n').toString();
  }

  private static List<String[]> concat(String[] first, List<String[]> rest) {
    List<String[]> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }
}
