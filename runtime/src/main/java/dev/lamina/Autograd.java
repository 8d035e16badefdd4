package dev.lamina;

import java.util.ArrayDeque;
import dev.lamina.kernels.Strided;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** Reverse-mode differentiation over the recorded graph, walked without recursion. */
final class Autograd {
  private Autograd() {}

  static void backward(Tensor root, Tensor seed) {
    List<Tensor> order = topologicalOrder(root);
    Gradients grads = new Gradients();
    grads.add(root, seed);
    try (NoGrad ignored = NoGrad.enter()) {
      for (int i = order.size() - 1; i >= 0; i--) {
        Tensor node = order.get(i);
        Tensor grad = grads.take(node);
        if (grad == null) {
          continue;
        }
        Function fn = node.gradFn();
        if (fn == null) {
          node.accumulateGrad(grad);
          continue;
        }
        Tensor[] inputs = fn.inputs();
        Function.Window window = fn.gradientWindow();
        if (window != null) {
          if (inputs[0].requiresGrad()) {
            grads.addWindow(inputs[0], grad, window);
          }
          continue;
        }
        Tensor[] inputGrads = fn.backward(grad);
        for (int k = 0; k < inputs.length; k++) {
          Tensor input = inputs[k];
          Tensor g = inputGrads[k];
          if (g == null || !input.requiresGrad()) {
            continue;
          }
          if (!java.util.Arrays.equals(g.shape(), input.shape())) {
            throw new IllegalStateException(
                fn.name() + " produced a gradient of shape " + java.util.Arrays.toString(g.shape())
                    + " for an input of shape " + java.util.Arrays.toString(input.shape()));
          }
          grads.add(input, g);
        }
      }
    }
  }

  /**
   * The gradients flowing back, summed per tensor. A sum this pass allocated is its own until it
   * is handed on, so further contributions are added into it in place; a gradient an op returned
   * may share storage with others (an addition hands the same gradient to both inputs), so the
   * first contribution onto it makes a new sum.
   */
  private static final class Gradients {
    private final IdentityHashMap<Tensor, Tensor> sums = new IdentityHashMap<>();
    private final Set<Tensor> owned = Collections.newSetFromMap(new IdentityHashMap<>());

    void add(Tensor input, Tensor g) {
      Tensor previous = sums.get(input);
      if (previous == null) {
        sums.put(input, g);
      } else if (owned.contains(previous)) {
        previous.addInPlace(g);
      } else {
        Tensor sum = previous.add(g);
        owned.add(sum);
        sums.put(input, sum);
      }
    }

    /** Adds {@code g} into the {@code window} of the input's gradient. */
    void addWindow(Tensor input, Tensor g, Function.Window window) {
      Tensor sum = sums.get(input);
      if (sum == null || !owned.contains(sum)) {
        sum = sum == null ? Tensor.zeros(input.shape()) : sum.copy();
        owned.add(sum);
        sums.put(input, sum);
      }
      Strided.add(g.storage(), g.storageOffset(), g.shape(), g.stride(), sum.storage(),
          sum.storageOffset() + window.offset(), window.strides());
    }

    /** The sum for {@code node}, removed and no longer this pass's to add into. */
    Tensor take(Tensor node) {
      Tensor sum = sums.remove(node);
      owned.remove(sum);
      return sum;
    }
  }

  /** Every tensor reachable from {@code root} through recorded ops, inputs before their users. */
  private static List<Tensor> topologicalOrder(Tensor root) {
    List<Tensor> order = new ArrayList<>();
    IdentityHashMap<Tensor, Boolean> visited = new IdentityHashMap<>();
    ArrayDeque<Tensor> stack = new ArrayDeque<>();
    ArrayDeque<Integer> nextInput = new ArrayDeque<>();
    stack.push(root);
    nextInput.push(0);
    visited.put(root, Boolean.TRUE);
    while (!stack.isEmpty()) {
      Tensor node = stack.peek();
      int k = nextInput.pop();
      Function fn = node.gradFn();
      Tensor[] inputs = fn == null ? new Tensor[0] : fn.inputs();
      if (k < inputs.length) {
        nextInput.push(k + 1);
        Tensor input = inputs[k];
        if (input.requiresGrad() && visited.put(input, Boolean.TRUE) == null) {
          stack.push(input);
          nextInput.push(0);
        }
      } else {
        stack.pop();
        order.add(node);
      }
    }
    return order;
  }
}
