package dev.lamina.ops;

import dev.lamina.Tensor;
import dev.lamina.shape.OpShapes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Einstein summation, {@code torch.einsum}'s notation: the product of the operands' elements,
 * summed over every label that the output does not keep. For {@code "ijk,bi,bj->bk"},
 * {@code out[b, k] = Σ_ij W[i, j, k] x[b, i] y[b, j]}.
 *
 * <p>A composite with no backward of its own: it only permutes, reshapes, expands, multiplies, sums
 * and calls {@code matmul}, so autograd differentiates it through those. Operands are combined left
 * to right, two at a time: the labels both share and no later operand or the output needs are
 * contracted by one batched matrix product on BLAS, {@code [batch, left, shared] · [batch, shared,
 * right]}. Before that, each operand takes its diagonals (a label repeated in one operand, as in
 * {@code "ii->i"}) and sums out the labels no one else needs.
 */
public final class Einsum {
  private Einsum() {}

  /**
   * Evaluates {@code equation} on {@code operands}.
   *
   * @throws IllegalArgumentException when the equation is malformed or does not fit the operands;
   *     the message names the equation, the operand and the label
   */
  public static Tensor apply(String equation, Tensor... operands) {
    if (operands.length == 0) {
      throw new IllegalArgumentException(
          "einsum \"" + equation + "\": expects at least one operand, got none");
    }
    int[][] shapes = new int[operands.length][];
    for (int i = 0; i < operands.length; i++) {
      shapes[i] = operands[i].shape();
    }
    OpShapes.einsum(equation, shapes);
    EinsumEquation parsed = EinsumEquation.parse(equation, shapes);
    Set<Integer> output = labelSet(parsed.outputLabels());

    Labelled result = null;
    for (int i = 0; i < operands.length; i++) {
      Labelled operand = new Labelled(operands[i], parsed.inputLabels(i)).diagonals().broadcast(parsed);
      Set<Integer> neededByOthers = new HashSet<>(output);
      for (int j = 0; j < operands.length; j++) {
        if (j != i) {
          neededByOthers.addAll(labelSet(parsed.inputLabels(j)));
        }
      }
      operand = operand.sumAllBut(neededByOthers);
      if (result == null) {
        result = operand;
        continue;
      }
      Set<Integer> neededLater = new HashSet<>(output);
      for (int j = i + 1; j < operands.length; j++) {
        neededLater.addAll(labelSet(parsed.inputLabels(j)));
      }
      result = result.combine(operand, neededLater);
    }
    return result.sumAllBut(output).arrange(parsed.outputLabels());
  }

  private static Set<Integer> labelSet(int[] labels) {
    Set<Integer> set = new HashSet<>();
    for (int label : labels) {
      set.add(label);
    }
    return set;
  }

  /** A tensor whose dimensions carry labels, one per dimension. */
  private static final class Labelled {
    final Tensor tensor;
    final List<Integer> labels;

    Labelled(Tensor tensor, int[] labels) {
      this(tensor, Arrays.stream(labels).boxed().toList());
    }

    Labelled(Tensor tensor, List<Integer> labels) {
      this.tensor = tensor;
      this.labels = List.copyOf(labels);
    }

    /**
     * Keeps only the diagonal of every label that appears twice: {@code x[i, i]} as one dimension
     * {@code i}, by multiplying with an identity mask and summing out the second occurrence.
     */
    Labelled diagonals() {
      for (int second = 0; second < labels.size(); second++) {
        int first = labels.indexOf(labels.get(second));
        if (first < second) {
          int[] maskShape = new int[labels.size()];
          Arrays.fill(maskShape, 1);
          int n = tensor.size(first);
          maskShape[first] = n;
          maskShape[second] = n;
          float[] identity = new float[n * n];
          for (int k = 0; k < n; k++) {
            identity[k * n + k] = 1f;
          }
          List<Integer> remaining = new ArrayList<>(labels);
          remaining.remove(second);
          Tensor diagonal = tensor.mul(Tensor.wrap(identity, maskShape)).sum(second, false);
          return new Labelled(diagonal, remaining).diagonals();
        }
      }
      return this;
    }

    /** Expands dimensions of size 1 whose label stands for a larger size elsewhere. */
    Labelled broadcast(EinsumEquation equation) {
      int[] shape = tensor.shape();
      int[] target = shape.clone();
      for (int d = 0; d < shape.length; d++) {
        target[d] = equation.size(labels.get(d));
      }
      return Arrays.equals(shape, target) ? this : new Labelled(tensor.expand(target), labels);
    }

    /** Sums over every dimension whose label is not in {@code keep}. */
    Labelled sumAllBut(Set<Integer> keep) {
      List<Integer> kept = new ArrayList<>();
      List<Integer> summed = new ArrayList<>();
      for (int d = 0; d < labels.size(); d++) {
        if (keep.contains(labels.get(d))) {
          kept.add(labels.get(d));
        } else {
          summed.add(d);
        }
      }
      if (summed.isEmpty()) {
        return this;
      }
      int[] dims = summed.stream().mapToInt(Integer::intValue).toArray();
      return new Labelled(tensor.sum(dims, false), kept);
    }

    /**
     * The product of this and {@code other}, summed over the labels both have and {@code neededLater}
     * lacks. The result's labels are the shared ones still needed, then this one's own, then
     * {@code other}'s own.
     */
    Labelled combine(Labelled other, Set<Integer> neededLater) {
      List<Integer> batch = new ArrayList<>();
      List<Integer> contracted = new ArrayList<>();
      List<Integer> leftOwn = new ArrayList<>();
      List<Integer> rightOwn = new ArrayList<>();
      for (int label : labels) {
        if (!other.labels.contains(label)) {
          leftOwn.add(label);
        } else if (neededLater.contains(label)) {
          batch.add(label);
        } else {
          contracted.add(label);
        }
      }
      for (int label : other.labels) {
        if (!labels.contains(label)) {
          rightOwn.add(label);
        }
      }
      List<Integer> resultLabels = concat(batch, leftOwn, rightOwn);
      int[] resultShape = resultLabels.stream().mapToInt(label -> sizeOf(label, other)).toArray();
      if (contracted.isEmpty()) {
        // Nothing to sum: a broadcast element-wise product, each side with size-1 gaps for the other.
        Tensor left = arrange(concat(batch, leftOwn))
            .reshape(shapeWithOnes(concat(batch, leftOwn), resultLabels, other));
        Tensor right = other.arrange(concat(batch, rightOwn))
            .reshape(shapeWithOnes(concat(batch, rightOwn), resultLabels, other));
        return new Labelled(left.mul(right), resultLabels);
      }
      int batchSize = product(batch, other);
      int rows = product(leftOwn, other);
      int inner = product(contracted, other);
      int columns = product(rightOwn, other);
      Tensor left = arrange(concat(batch, leftOwn, contracted)).reshape(batchSize, rows, inner);
      Tensor right =
          other.arrange(concat(batch, contracted, rightOwn)).reshape(batchSize, inner, columns);
      return new Labelled(left.matmul(right).reshape(resultShape), resultLabels);
    }

    /** The tensor with its dimensions permuted into the order of {@code order}'s labels. */
    Tensor arrange(int[] order) {
      return arrange(Arrays.stream(order).boxed().toList());
    }

    Tensor arrange(List<Integer> order) {
      int[] permutation = new int[order.size()];
      boolean identity = true;
      for (int d = 0; d < permutation.length; d++) {
        permutation[d] = labels.indexOf(order.get(d));
        identity &= permutation[d] == d;
      }
      return identity ? tensor : tensor.permute(permutation);
    }

    private int sizeOf(int label, Labelled other) {
      int d = labels.indexOf(label);
      return d >= 0 ? tensor.size(d) : other.tensor.size(other.labels.indexOf(label));
    }

    private int product(List<Integer> group, Labelled other) {
      int n = 1;
      for (int label : group) {
        n *= sizeOf(label, other);
      }
      return n;
    }

    private int[] shapeWithOnes(List<Integer> present, List<Integer> all, Labelled other) {
      int[] shape = new int[all.size()];
      for (int d = 0; d < shape.length; d++) {
        shape[d] = present.contains(all.get(d)) ? sizeOf(all.get(d), other) : 1;
      }
      return shape;
    }

    @SafeVarargs
    private static List<Integer> concat(List<Integer>... groups) {
      List<Integer> all = new ArrayList<>();
      for (List<Integer> group : groups) {
        all.addAll(group);
      }
      return all;
    }
  }
}
