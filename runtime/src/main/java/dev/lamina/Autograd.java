package dev.lamina;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Reverse-mode differentiation over the recorded graph, walked without recursion. */
final class Autograd {
  private Autograd() {}

  static void backward(Tensor root, Tensor seed) {
    List<Tensor> order = topologicalOrder(root);
    IdentityHashMap<Tensor, Tensor> grads = new IdentityHashMap<>();
    grads.put(root, seed);
    try (NoGrad ignored = NoGrad.enter()) {
      for (int i = order.size() - 1; i >= 0; i--) {
        Tensor node = order.get(i);
        Tensor grad = grads.remove(node);
        if (grad == null) {
          continue;
        }
        Function fn = node.gradFn();
        if (fn == null) {
          node.accumulateGrad(grad);
          continue;
        }
        Tensor[] inputs = fn.inputs();
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
          Tensor previous = grads.get(input);
          grads.put(input, previous == null ? g : previous.add(g));
        }
      }
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
