package dev.lamina.ops;

import dev.lamina.kernels.Shapes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A parsed and checked einsum equation such as {@code "ijk,bi,bj->bk"}: the label of every dimension
 * of every operand, the labels of the output, and the size each label stands for.
 *
 * <p>Labels are the letters a-z and A-Z, coded 0-51 in ASCII order (capitals first), the order of an
 * implicit output. An operand's {@code ...} stands for its dimensions that have no letter; those are
 * aligned from the right across operands and coded from {@link #FIRST_ELLIPSIS_LABEL} on. Sizes
 * broadcast as in PyTorch: every dimension with one label has the same size, or size 1.
 */
final class EinsumEquation {
  /** The code of the outermost dimension that {@code ...} stands for. */
  static final int FIRST_ELLIPSIS_LABEL = 52;

  private static final String ELLIPSIS = "...";

  private final String equation;
  private final int[][] inputLabels;
  private final int[] outputLabels;
  private final int[] sizes;

  private EinsumEquation(String equation, int[][] inputLabels, int[] outputLabels, int[] sizes) {
    this.equation = equation;
    this.inputLabels = inputLabels;
    this.outputLabels = outputLabels;
    this.sizes = sizes;
  }

  /**
   * Parses {@code equation} for operands of {@code shapes}.
   *
   * @throws IllegalArgumentException naming the equation and the offending part: an unknown
   *     character, a wrong number of operands, subscripts that do not match an operand's rank, sizes
   *     that differ for one label, an output label that is repeated or appears in no input
   */
  static EinsumEquation parse(String equation, int[][] shapes) {
    String compact = equation.replaceAll("\\s", "");
    int arrow = compact.indexOf("->");
    String left = arrow < 0 ? compact : compact.substring(0, arrow);
    String right = arrow < 0 ? null : compact.substring(arrow + 2);
    if (right != null && right.contains("->")) {
      throw error(equation, "it has more than one \"->\"");
    }
    String[] terms = left.split(",", -1);
    if (terms.length != shapes.length) {
      throw error(equation, "it has subscripts for " + terms.length + " operand"
          + (terms.length == 1 ? "" : "s") + " but " + shapes.length + " were given");
    }
    List<List<String>> subscripts = new ArrayList<>();
    int ellipsisRank = 0;
    for (int i = 0; i < terms.length; i++) {
      List<String> parts = split(equation, terms[i], "operand " + i);
      int letters = parts.contains(ELLIPSIS) ? parts.size() - 1 : parts.size();
      int rank = shapes[i].length;
      if (parts.contains(ELLIPSIS) ? letters > rank : letters != rank) {
        throw error(equation, "operand " + i + " has shape " + Shapes.format(shapes[i])
            + " (" + rank + " dimensions) but its subscripts \"" + terms[i] + "\" name "
            + letters);
      }
      if (parts.contains(ELLIPSIS)) {
        ellipsisRank = Math.max(ellipsisRank, rank - letters);
      }
      subscripts.add(parts);
    }

    int[][] inputs = new int[shapes.length][];
    int[] sizes = new int[FIRST_ELLIPSIS_LABEL + ellipsisRank];
    int[] firstOperand = new int[sizes.length];
    Arrays.fill(sizes, -1);
    int[] occurrences = new int[sizes.length];
    for (int i = 0; i < shapes.length; i++) {
      inputs[i] = codes(subscripts.get(i), shapes[i].length, ellipsisRank);
      for (int d = 0; d < inputs[i].length; d++) {
        int label = inputs[i][d];
        int size = shapes[i][d];
        occurrences[label]++;
        int earlier = indexOf(inputs[i], label, d);
        if (earlier >= 0 && shapes[i][earlier] != size) {
          throw error(equation, "operand " + i + " repeats " + labelName(label)
              + " for dimensions " + earlier + " and " + d + " of sizes " + shapes[i][earlier]
              + " and " + size + " (a diagonal needs equal sizes)");
        }
        if (sizes[label] < 0 || (sizes[label] == 1 && size != 1)) {
          sizes[label] = size;
          firstOperand[label] = i;
        } else if (size != sizes[label] && size != 1) {
          throw error(equation, labelName(label) + " has size " + sizes[label] + " in operand "
              + firstOperand[label] + " but size " + size + " in operand " + i
              + " (sizes of one label must match or be 1)");
        }
      }
    }
    int[] output = right == null
        ? implicitOutput(occurrences, ellipsisRank)
        : explicitOutput(equation, right, sizes, ellipsisRank);
    return new EinsumEquation(equation, inputs, output, sizes);
  }

  /** The equation as the user wrote it. */
  String text() {
    return equation;
  }

  /** The label codes of the dimensions of operand {@code i}. */
  int[] inputLabels(int i) {
    return inputLabels[i].clone();
  }

  /** The label codes of the output dimensions, in order. */
  int[] outputLabels() {
    return outputLabels.clone();
  }

  /** The size {@code label} stands for, after broadcasting. */
  int size(int label) {
    return sizes[label];
  }

  /** How a label reads in messages: {@code label 'j'}, or a dimension under {@code ...}. */
  static String labelName(int label) {
    if (label >= FIRST_ELLIPSIS_LABEL) {
      return "the dimension " + (label - FIRST_ELLIPSIS_LABEL) + " under \"...\"";
    }
    return "label '" + letter(label) + "'";
  }

  private static List<String> split(String equation, String term, String where) {
    List<String> parts = new ArrayList<>();
    for (int p = 0; p < term.length(); p++) {
      char c = term.charAt(p);
      if (term.startsWith(ELLIPSIS, p)) {
        if (parts.contains(ELLIPSIS)) {
          throw error(equation, where + " has \"...\" more than once");
        }
        parts.add(ELLIPSIS);
        p += ELLIPSIS.length() - 1;
      } else if (code(c) >= 0) {
        parts.add(String.valueOf(c));
      } else {
        throw error(equation, where + " has '" + c + "', but subscripts are letters a-z, A-Z"
            + " and \"...\"" + (c == '.' ? " (three dots)" : ""));
      }
    }
    return parts;
  }

  private static int[] codes(List<String> parts, int rank, int ellipsisRank) {
    int[] codes = new int[rank];
    int d = 0;
    int covered = rank - (parts.size() - (parts.contains(ELLIPSIS) ? 1 : 0));
    for (String part : parts) {
      if (part.equals(ELLIPSIS)) {
        for (int e = 0; e < covered; e++) {
          codes[d++] = FIRST_ELLIPSIS_LABEL + ellipsisRank - covered + e;
        }
      } else {
        codes[d++] = code(part.charAt(0));
      }
    }
    return codes;
  }

  private static int[] implicitOutput(int[] occurrences, int ellipsisRank) {
    List<Integer> output = new ArrayList<>();
    for (int e = 0; e < ellipsisRank; e++) {
      output.add(FIRST_ELLIPSIS_LABEL + e);
    }
    for (int label = 0; label < FIRST_ELLIPSIS_LABEL; label++) {
      if (occurrences[label] == 1) {
        output.add(label);
      }
    }
    return output.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int[] explicitOutput(String equation, String term, int[] sizes, int ellipsisRank) {
    List<String> parts = split(equation, term, "the output");
    List<Integer> output = new ArrayList<>();
    for (String part : parts) {
      if (part.equals(ELLIPSIS)) {
        for (int e = 0; e < ellipsisRank; e++) {
          output.add(FIRST_ELLIPSIS_LABEL + e);
        }
        continue;
      }
      int label = code(part.charAt(0));
      if (sizes[label] < 0) {
        throw error(equation, "the output has label '" + part
            + "', which no operand's subscripts have");
      }
      if (output.contains(label)) {
        throw error(equation, "the output has label '" + part + "' more than once");
      }
      output.add(label);
    }
    return output.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int indexOf(int[] labels, int label, int before) {
    for (int d = 0; d < before; d++) {
      if (labels[d] == label) {
        return d;
      }
    }
    return -1;
  }

  private static int code(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return 26 + c - 'a';
    }
    return -1;
  }

  private static char letter(int code) {
    return (char) (code < 26 ? 'A' + code : 'a' + code - 26);
  }

  private static IllegalArgumentException error(String equation, String problem) {
    return new IllegalArgumentException("einsum \"" + equation + "\": " + problem);
  }
}
