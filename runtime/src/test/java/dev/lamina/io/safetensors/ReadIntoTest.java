package dev.lamina.io.safetensors;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a tensor into an existing one's storage, and data that spans many transfer chunks. */
class ReadIntoTest {
  /** More floats than one transfer buffer holds, and not a multiple of it. */
  private static final int LARGE = TransferBuffer.BYTES / 4 * 2 + 12_345;

  @TempDir Path folder;

  private static float[] randomFloats(int n, long seed) {
    Random random = new Random(seed);
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }

  private Path write(SafetensorsWriter writer) throws IOException {
    Path path = folder.resolve("t.safetensors");
    try (var channel = java.nio.channels.FileChannel.open(path,
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
      writer.write(channel);
    }
    return path;
  }

  @Test
  void aContiguousTargetIsFilledInPlaceAcrossChunks() throws Exception {
    float[] values = randomFloats(LARGE, 1);
    Path path = write(new SafetensorsWriter().add("w", Tensor.of(values)));
    Tensor target = Tensor.zeros(LARGE);
    float[] storage = target.storage();
    try (SafetensorsReader file = SafetensorsReader.open(path)) {
      assertThat(file.readInto("w", target)).isEqualTo(0);
    }
    assertThat(target.storage()).isSameInstanceAs(storage);
    assertThat(target.toFloatArray()).isEqualTo(values);
  }

  @Test
  void aTargetAtAnOffsetOrStridedGetsTheValuesInPlace() throws Exception {
    float[] values = randomFloats(6, 2);
    byte[] file = new SafetensorsWriter().add("w", Tensor.of(values, 2, 3)).toBytes();
    Tensor whole = Tensor.zeros(4, 3);
    Tensor lowerRows = whole.slice(0, 2, 4); // row-major, at offset 6 of the storage
    Tensor transposed = Tensor.zeros(3, 2).transpose(0, 1); // not row-major
    try (SafetensorsReader reader = SafetensorsReader.fromBytes(file, "f")) {
      reader.readInto("w", lowerRows);
      reader.readInto("w", transposed);
    }
    assertThat(whole.toFloatArray()).isEqualTo(
        new float[] {0, 0, 0, 0, 0, 0, values[0], values[1], values[2], values[3], values[4], values[5]});
    assertThat(transposed.toFloatArray()).isEqualTo(values);
  }

  @Test
  void otherTypesAreConvertedAndTheirChangesCounted() throws Exception {
    ByteBuffer doubles = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    doubles.putDouble(0.1).putDouble(0.5).flip();
    byte[] file = new SafetensorsWriter()
        .addRaw("d", Dtype.F64, new long[] {2}, doubles)
        .add("counter", Tensor.ofLongs(new long[] {7, 1L << 40}, 2))
        .add("mask", Tensor.ofBooleans(new boolean[] {true, false}, 2))
        .toBytes();
    Tensor floats = Tensor.zeros(2);
    Tensor longs = Tensor.ofLongs(0, 0);
    Tensor booleans = Tensor.ofBooleans(false, true);
    try (SafetensorsReader reader = SafetensorsReader.fromBytes(file, "f")) {
      assertThat(reader.readInto("d", floats)).isEqualTo(1); // 0.1 is no float
      assertThat(reader.readInto("counter", longs)).isEqualTo(0);
      assertThat(reader.readInto("mask", booleans)).isEqualTo(0);
    }
    assertThat(floats.toFloatArray()).isEqualTo(new float[] {0.1f, 0.5f});
    assertThat(longs.toLongArray()).isEqualTo(new long[] {7, 1L << 40});
    assertThat(booleans.toBooleanArray()).isEqualTo(new boolean[] {true, false});
  }

  @Test
  void aTargetOfAnotherShapeOrTypeIsRefusedBeforeAnythingIsWritten() throws Exception {
    byte[] file = new SafetensorsWriter().add("w", Tensor.of(1, 2, 3)).toBytes();
    Tensor wrongShape = Tensor.zeros(3, 1);
    Tensor wrongType = Tensor.ofLongs(9, 9, 9);
    try (SafetensorsReader reader = SafetensorsReader.fromBytes(file, "f")) {
      IllegalArgumentException shape =
          assertThrows(IllegalArgumentException.class, () -> reader.readInto("w", wrongShape));
      assertThat(shape).hasMessageThat().isEqualTo(
          "f: tensor \"w\" has shape [3], the target [3, 1]");
      IllegalArgumentException type =
          assertThrows(IllegalArgumentException.class, () -> reader.readInto("w", wrongType));
      assertThat(type).hasMessageThat().isEqualTo(
          "f: tensor \"w\" is F32, which does not convert to the target's INT64");
    }
    assertThat(wrongShape.toFloatArray()).isEqualTo(new float[] {0, 0, 0});
    assertThat(wrongType.toLongArray()).isEqualTo(new long[] {9, 9, 9});
  }

  @Test
  void aFileThatShrankAfterItWasOpenedIsReportedAtItsEnd() throws Exception {
    Path path = write(new SafetensorsWriter().add("w", Tensor.of(randomFloats(LARGE, 3))));
    try (SafetensorsReader file = SafetensorsReader.open(path)) {
      long dataEnd = Files.size(path);
      try (var channel = java.nio.channels.FileChannel.open(path, java.nio.file.StandardOpenOption.WRITE)) {
        channel.truncate(dataEnd - 4);
      }
      SafetensorsException e =
          assertThrows(SafetensorsException.class, () -> file.readInto("w", Tensor.zeros(LARGE)));
      assertThat(e).hasMessageThat().isEqualTo(path + ": the file ends at byte " + (dataEnd - 4)
          + " while reading tensor \"w\" (it changed after it was opened?)");
    }
  }

  @Test
  void largeTensorsOfEveryWrittenTypeRoundTripThroughTheChunks() throws Exception {
    float[] floats = randomFloats(LARGE, 4);
    long[] longs = new long[LARGE / 2 + 7];
    boolean[] booleans = new boolean[TransferBuffer.BYTES + 3];
    Random random = new Random(5);
    for (int i = 0; i < longs.length; i++) {
      longs[i] = random.nextLong();
    }
    for (int i = 0; i < booleans.length; i++) {
      booleans[i] = random.nextBoolean();
    }
    byte[] file = new SafetensorsWriter()
        .add("floats", Tensor.of(floats))
        .add("longs", Tensor.ofLongs(longs, longs.length))
        .add("booleans", Tensor.ofBooleans(booleans, booleans.length))
        .toBytes();
    try (SafetensorsReader reader = SafetensorsReader.fromBytes(file, "f")) {
      assertThat(reader.readFloat32("floats").tensor().toFloatArray()).isEqualTo(floats);
      assertThat(reader.read("longs").tensor().toLongArray()).isEqualTo(longs);
      assertThat(reader.read("booleans").tensor().toBooleanArray()).isEqualTo(booleans);
    }
  }

  @Test
  void aChannelThatWritesAnotherFileFromInsideWriteGetsItsOwnBuffer() throws Exception {
    float[] outer = randomFloats(LARGE, 6);
    float[] inner = randomFloats(LARGE, 7);
    ByteArrayOutputStream innerBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream outerBytes = new ByteArrayOutputStream();
    WritableByteChannel sink = Channels.newChannel(outerBytes);
    boolean[] nested = {false};
    WritableByteChannel reentrant = new WritableByteChannel() {
      @Override
      public int write(ByteBuffer source) throws IOException {
        if (!nested[0]) {
          nested[0] = true;
          new SafetensorsWriter().add("inner", Tensor.of(inner)).write(Channels.newChannel(innerBytes));
        }
        return sink.write(source);
      }

      @Override
      public boolean isOpen() {
        return true;
      }

      @Override
      public void close() {}
    };
    new SafetensorsWriter().add("outer", Tensor.of(outer)).write(reentrant);
    try (SafetensorsReader a = SafetensorsReader.fromBytes(outerBytes.toByteArray(), "outer");
        SafetensorsReader b = SafetensorsReader.fromBytes(innerBytes.toByteArray(), "inner")) {
      assertThat(a.readFloat32("outer").tensor().toFloatArray()).isEqualTo(outer);
      assertThat(b.readFloat32("inner").tensor().toFloatArray()).isEqualTo(inner);
    }
  }
}
