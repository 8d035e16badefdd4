package dev.lamina.examples.mnist;

import java.io.PrintStream;

/**
 * Training progress: a bar redrawn in place on a terminal, or one plain line per epoch when the
 * output is a file or a pipe.
 */
final class ProgressBar {
  private static final int WIDTH = 30;

  private final PrintStream out;
  private final boolean terminal;
  private long lastDraw;

  ProgressBar(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** Shows that {@code done} of {@code total} batches of {@code epoch} have run. */
  void update(int epoch, int epochs, int done, int total, double loss) {
    if (!terminal) {
      return;
    }
    long now = System.nanoTime();
    if (done < total && now - lastDraw < 100_000_000L) {
      return;
    }
    lastDraw = now;
    int filled = (int) ((long) WIDTH * done / Math.max(total, 1));
    String bar = "=".repeat(filled) + (filled < WIDTH ? ">" : "") + " ".repeat(Math.max(0, WIDTH - filled - 1));
    out.printf("\repoch %d/%d [%s] %d/%d  loss %.4f", epoch, epochs, bar, done, total, loss);
    out.flush();
  }

  /** Ends an epoch with its summary line. */
  void epochDone(int epoch, int epochs, double loss, double accuracy, double seconds) {
    if (terminal) {
      out.print("\r" + " ".repeat(80) + "\r");
    }
    out.printf("epoch %d/%d  loss %.4f  test accuracy %.2f%%  (%.1f s)%n", epoch, epochs, loss,
        100 * accuracy, seconds);
  }
}
