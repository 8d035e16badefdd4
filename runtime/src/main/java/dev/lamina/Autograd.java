package dev.lamina;

import dev.lamina.kernels.Strided;
import dev.lamina.ops.Reshape;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Reverse-mode differentiation over the recorded graph, walked without recursion. The walk's own
 * bookkeeping (the order, the sums, the stacks) is kept per thread and cleared after each pass, so
 * that a pass over a graph of the same size allocates none of it again.
 */
final class Autograd {
  private static final Tensor[] NO_INPUTS = new Tensor[0];
  private static final ThreadLocal<Pass> PASSES = ThreadLocal.withInitial(Pass::new);

  private Autograd() {}

  static void backward(Tensor root, Tensor seed) {
    Pass pass = PASSES.get();
    if (pass.running) {
      pass = new Pass(); // a backward inside a backward, on the same thread: its own bookkeeping
    }
    pass.running = true;
    try {
      pass.run(root, seed);
    } finally {
      pass.clear();
      pass.running = false;
    }
  }

  /** One backward pass's bookkeeping. */
  private static final class Pass {
    private final List<Tensor> order = new ArrayList<>();
    private final IdentityHashMap<Tensor, Boolean> visited = new IdentityHashMap<>();
    private final ArrayDeque<Tensor> stack = new ArrayDeque<>();
    private final ArrayDeque<Integer> nextInput = new ArrayDeque<>();
    private final Gradients grads = new Gradients();
    private boolean running;

    void run(Tensor root, Tensor seed) {
      topologicalOrder(root);
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
            if (!g.hasShapeOf(input)) {
              throw new IllegalStateException(
                  fn.name() + " produced a gradient of shape " + Arrays.toString(g.shape())
                      + " for an input of shape " + Arrays.toString(input.shape()));
            }
            grads.add(input, g);
          }
        }
      }
    }

    /** Every tensor reachable from {@code root} through recorded ops, inputs before their users. */
    private void topologicalOrder(Tensor root) {
      stack.push(root);
      nextInput.push(0);
      visited.put(root, Boolean.TRUE);
      while (!stack.isEmpty()) {
        Tensor node = stack.peek();
        int k = nextInput.pop();
        Function fn = node.gradFn();
        Tensor[] inputs = fn == null ? NO_INPUTS : fn.inputs();
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
    }

    /** Drops every reference the pass held, so that the graph it walked can be collected. */
    void clear() {
      order.clear();
      visited.clear();
      stack.clear();
      nextInput.clear();
      grads.clear();
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
        sum = sum == null ? Tensor.wrap(Workspace.floats(input.numel()), input.shape())
            : Reshape.copy(sum); // recording is off: a plain copy
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

    void clear() {
      sums.clear();
      owned.clear();
    }
  }
}
