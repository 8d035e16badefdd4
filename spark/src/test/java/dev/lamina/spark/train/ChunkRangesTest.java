package dev.lamina.spark.train;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Chunks cover the flat parameters in order, without gaps, within one value of each other. */
class ChunkRangesTest {
  @Test
  void chunksTileTheValuesAndDifferInLengthByAtMostOne() {
    for (int length : new int[] {1, 7, 10, 235_146}) {
      for (int count = 1; count <= Math.min(length, 6); count++) {
        ChunkRanges ranges = new ChunkRanges(length, count);
        int min = Integer.MAX_VALUE;
        int max = 0;
        assertThat(ranges.start(0)).isEqualTo(0);
        for (int k = 0; k < count; k++) {
          if (k > 0) {
            assertWithMessage("start of chunk %s of %s", k, ranges).that(ranges.start(k))
                .isEqualTo(ranges.end(k - 1));
          }
          min = Math.min(min, ranges.size(k));
          max = Math.max(max, ranges.size(k));
        }
        assertWithMessage("end of %s", ranges).that(ranges.end(count - 1)).isEqualTo(length);
        assertWithMessage("sizes of %s", ranges).that(max - min).isAtMost(1);
      }
    }
  }

  @Test
  void moreChunksThanValuesAreRefused() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> new ChunkRanges(3, 4));
    assertThat(error).hasMessageThat().isEqualTo(
        "cannot cut 3 values into 4 chunks; there must be between 1 and 3");
  }
}
