package dev.lamina;

import static com.google.common.truth.Truth.assertWithMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Backward passes on several threads that share leaves add every contribution to their gradients,
 * whichever path writes it: autograd's accumulation, or a product writing into the leaf's buffer.
 * All values are small integers, so the expected sums are exact in float32.
 */
class ConcurrentBackwardTest {
  private static final int THREADS = 8;
  private static final int CALLS = 400;

  @Test
  void everyContributionReachesTheSharedLeaves() throws Exception {
    Tensor weight = Tensor.ones(16, 8).requiresGrad(true);
    Tensor bias = Tensor.ones(16).requiresGrad(true);
    Tensor scale = Tensor.ones(8, 16).requiresGrad(true);
    Tensor x = Tensor.ones(4, 8);

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        runs.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < CALLS; i++) {
            // linear writes into weight's and bias's buffers; matmul into scale's; mul and add
            // give scale and bias contributions that autograd accumulates.
            Tensor y = x.linear(weight, bias);
            y.sum().add(x.matmul(scale).sum()).add(scale.mul(2f).sum()).add(bias.sum())
                .backward();
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> run : runs) {
        run.get();
      }
    } finally {
      pool.shutdownNow();
    }

    int calls = THREADS * CALLS;
    assertEveryValue("weight", weight, 4f * calls);
    assertEveryValue("bias", bias, 5f * calls);
    assertEveryValue("scale", scale, 6f * calls);
  }

  private static void assertEveryValue(String name, Tensor leaf, float expected) {
    float[] grad = leaf.grad().toFloatArray();
    for (int i = 0; i < grad.length; i++) {
      assertWithMessage("%s.grad[%s]", name, i).that(grad[i]).isEqualTo(expected);
    }
  }
}
