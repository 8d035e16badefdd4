package dev.lamina.processor.element;

/**
 * The name a field is known by in state dicts, files and module paths: the field's name in
 * PyTorch's snake_case, so that {@code weightIh} is {@code weight_ih} and {@code runningMean} is
 * {@code running_mean}, as a PyTorch module that declares them spells them. A run of capitals is
 * one word ({@code attnQKV} is {@code attn_qkv}, {@code QKVProj} is {@code qkv_proj}); a name
 * without capitals is kept as written.
 */
public final class StateNames {
  private StateNames() {}

  /** {@code fieldName} in snake_case. */
  public static String of(String fieldName) {
    StringBuilder out = new StringBuilder(fieldName.length() + 4);
    for (int i = 0; i < fieldName.length(); i++) {
      char c = fieldName.charAt(i);
      if (Character.isUpperCase(c)) {
        boolean afterLower = i > 0 && (Character.isLowerCase(fieldName.charAt(i - 1))
            || Character.isDigit(fieldName.charAt(i - 1)));
        boolean endsRun = i > 0 && Character.isUpperCase(fieldName.charAt(i - 1))
            && i + 1 < fieldName.length() && Character.isLowerCase(fieldName.charAt(i + 1));
        if ((afterLower || endsRun) && out.length() > 0 && out.charAt(out.length() - 1) != '_') {
          out.append('_');
        }
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
