package dev.lamina.shape;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.shapes.rules.ShapeRules;
import dev.lamina.shapes.rules.TracedShape;
import org.junit.jupiter.api.Test;

/** The run-time face of the shared shape rules, and the table that remembers their results. */
class OpShapesTest {
  @Test
  void aMistakeIsReportedInTheRulesOwnWords() {
    String problem = ShapeRules.matmul(TracedShape.of(2, 5), TracedShape.of(3, 5), "other")
        .problem();

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OpShapes.matmul(new int[] {2, 5}, new int[] {3, 5}));

    assertThat(problem).isEqualTo("5 and 3 differ");
    assertThat(e).hasMessageThat()
        .isEqualTo("matmul: shapes [2, 5] and [3, 5]: " + problem + "; did you mean other.t()?");
  }

  @Test
  void aDimOutOfRangeIsAnIndexError() {
    assertThrows(IndexOutOfBoundsException.class,
        () -> OpShapes.reduce("sum", new int[] {2, 3}, new int[] {2}, false));
    assertThrows(IndexOutOfBoundsException.class,
        () -> OpShapes.unsqueeze(new int[] {2, 3}, 3));
  }

  @Test
  void aRememberedResultIsACopyTheCallerMayChange() {
    int[] a = {4, 1, 3};
    int[] b = {2, 1};
    int[] first = OpShapes.broadcast("add", a, b);
    first[0] = 99;
    a[0] = 7;

    assertThat(OpShapes.broadcast("add", new int[] {4, 1, 3}, new int[] {2, 1}))
        .asList().containsExactly(4, 2, 3).inOrder();
    assertThat(OpShapes.broadcast("add", a, b)).asList().containsExactly(7, 2, 3).inOrder();
  }

  @Test
  void aFailureIsNeverRemembered() {
    for (int i = 0; i < 2; i++) {
      assertThrows(IllegalArgumentException.class,
          () -> OpShapes.reshape(new int[] {2, 3}, new int[] {4, -1}));
    }
    assertThat(OpShapes.reshape(new int[] {2, 3}, new int[] {3, -1})).asList()
        .containsExactly(3, 2).inOrder();
  }

  @Test
  void theSameShapesUnderOtherArgumentsAreOtherEntries() {
    int[] shape = {2, 3, 4};

    assertThat(OpShapes.reduce("sum", shape, new int[] {1}, true)).asList()
        .containsExactly(2, 1, 4).inOrder();
    assertThat(OpShapes.reduce("sum", shape, new int[] {1}, false)).asList()
        .containsExactly(2, 4).inOrder();
    assertThat(OpShapes.reduce("mean", shape, new int[] {1}, false)).asList()
        .containsExactly(2, 4).inOrder();
    assertThat(OpShapes.permute(shape, new int[] {2, 0, 1})).asList()
        .containsExactly(4, 2, 3).inOrder();
    assertThat(OpShapes.permute(shape, new int[] {1, 2, 0})).asList()
        .containsExactly(3, 4, 2).inOrder();
    OpShapes.requireLinear(new int[] {5, 3}, new int[] {2, 3}, null);
    assertThrows(IllegalArgumentException.class,
        () -> OpShapes.requireLinear(new int[] {5, 3}, new int[] {2, 3}, new int[] {3}));
    assertThat(OpShapes.transpose(shape, 0, 2)).asList().containsExactly(4, 3, 2).inOrder();
    assertThat(OpShapes.transpose(shape, 1, 2)).asList().containsExactly(2, 4, 3).inOrder();
    assertThat(OpShapes.squeeze(new int[] {2, 1, 3}, 1)).asList().containsExactly(2, 3).inOrder();
    assertThat(OpShapes.squeeze(new int[] {2, 1, 3}, 0)).asList()
        .containsExactly(2, 1, 3).inOrder();
  }

  @Test
  void threadsSharingTheTableGetTheirOwnRightAnswers() throws InterruptedException {
    Thread[] threads = new Thread[4];
    Throwable[] failures = new Throwable[threads.length];
    for (int t = 0; t < threads.length; t++) {
      int id = t;
      threads[t] = new Thread(() -> {
        try {
          for (int i = 0; i < 20_000; i++) {
            int n = 1 + (i + id) % 37;
            int[] out = OpShapes.matmul(new int[] {n, 3}, new int[] {3, n + 1});
            if (out.length != 2 || out[0] != n || out[1] != n + 1) {
              throw new AssertionError("matmul of [" + n + ", 3] gave " + out[0] + "x" + out[1]);
            }
          }
        } catch (Throwable e) {
          failures[id] = e;
        }
      });
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(failures).asList().containsExactly(null, null, null, null);
  }
}
