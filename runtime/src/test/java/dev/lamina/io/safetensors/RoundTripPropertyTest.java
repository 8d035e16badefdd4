package dev.lamina.io.safetensors;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.Generator;
import dev.lamina.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the writer writes, the reader reads back unchanged: random shapes, every dtype. */
class RoundTripPropertyTest {
  private static final int TRIALS = 200;

  private static long[] randomShape(Random random) {
    long[] shape = new long[random.nextInt(5)]; // rank 0 (a scalar) to 4
    for (int i = 0; i < shape.length; i++) {
      shape[i] = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(5);
    }
    return shape;
  }

  private static byte[] randomData(Random random, Dtype dtype, long numel) {
    byte[] bytes = new byte[(int) numel * dtype.size()];
    random.nextBytes(bytes);
    if (dtype == Dtype.BOOL) {
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] &= 1;
      }
    }
    return bytes;
  }

  /** One element as float32, read the plain way. */
  private static float reference(Dtype dtype, ByteBuffer in, int index) {
    int at = index * dtype.size();
    return switch (dtype) {
      case F32 -> in.getFloat(at);
      case F16 -> HalfFloats.toFloat(in.getShort(at));
      case BF16 -> Float.intBitsToFloat(in.getShort(at) << 16);
      case F64 -> (float) in.getDouble(at);
      case I64 -> in.getLong(at);
      case I32 -> in.getInt(at);
      case U8 -> Byte.toUnsignedInt(in.get(at));
      case BOOL -> in.get(at);
    };
  }

  @Test
  void rawTensorsOfEveryDtypeComeBackUnchanged() throws Exception {
    Random random = new Random(42);
    for (int trial = 0; trial < TRIALS; trial++) {
      SafetensorsWriter writer = new SafetensorsWriter().putMetadata("trial", "#" + trial);
      List<String> names = new ArrayList<>();
      List<long[]> shapes = new ArrayList<>();
      List<byte[]> datas = new ArrayList<>();
      Dtype[] dtypes = Dtype.values();
      int count = random.nextInt(dtypes.length + 1);
      for (int i = 0; i < count; i++) {
        Dtype dtype = dtypes[(trial + i) % dtypes.length];
        long[] shape = randomShape(random);
        long numel = 1;
        for (long d : shape) {
          numel *= d;
        }
        byte[] data = randomData(random, dtype, numel);
        String name = "t" + i + "." + dtype;
        writer.addRaw(name, dtype, shape, ByteBuffer.wrap(data));
        names.add(name);
        shapes.add(shape);
        datas.add(data);
      }
      byte[] file = writer.toBytes();
      try (SafetensorsReader reader = SafetensorsReader.fromBytes(file, "trial " + trial)) {
        assertThat(reader.dataStart() % 8).isEqualTo(0);
        assertThat(reader.metadata()).containsExactly("format", "pt", "trial", "#" + trial).inOrder();
        assertThat(reader.tensors().keySet()).containsExactlyElementsIn(names).inOrder();
        for (int i = 0; i < names.size(); i++) {
          String name = names.get(i);
          TensorInfo info = reader.info(name);
          assertWithMessage(name).that(info.shape()).isEqualTo(shapes.get(i));
          ByteBuffer raw = reader.readBytes(name);
          byte[] back = new byte[raw.remaining()];
          raw.get(back);
          assertWithMessage(name).that(back).isEqualTo(datas.get(i));
          Tensor floats = reader.readFloat32(name).tensor();
          assertWithMessage(name).that(floats.dim()).isEqualTo(shapes.get(i).length);
          ByteBuffer in = ByteBuffer.wrap(datas.get(i)).order(ByteOrder.LITTLE_ENDIAN);
          float[] values = floats.toFloatArray();
          for (int k = 0; k < values.length; k++) {
            assertWithMessage(name + "[" + k + "]").that(Float.floatToIntBits(values[k]))
                .isEqualTo(Float.floatToIntBits(reference(info.dtype(), in, k)));
          }
        }
      }
    }
  }

  @Test
  void float32TensorsIncludingViewsComeBackBitForBit() throws Exception {
    Random random = new Random(7);
    Generator generator = new Generator(7);
    for (int trial = 0; trial < TRIALS; trial++) {
      long[] longShape = randomShape(random);
      int[] shape = new int[longShape.length];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = (int) longShape[i];
      }
      Tensor tensor = Tensor.randn(generator, shape);
      if (shape.length >= 2) {
        tensor = tensor.transpose(0, shape.length - 1); // not contiguous
      }
      byte[] file = new SafetensorsWriter().add("x", tensor).toBytes();
      try (SafetensorsReader reader = SafetensorsReader.fromBytes(file, "trial " + trial)) {
        Tensor back = reader.readFloat32("x").tensor();
        assertThat(back.shape()).isEqualTo(tensor.shape());
        assertThat(back.toFloatArray()).isEqualTo(tensor.toFloatArray());
      }
    }
  }

  @Test
  void headerIsPaddedWithSpacesToAMultipleOfEight() throws Exception {
    for (int length = 1; length <= 16; length++) {
      byte[] file = new SafetensorsWriter().add("x".repeat(length), Tensor.zeros(1)).toBytes();
      long headerLength = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
      assertThat(headerLength % 8).isEqualTo(0);
      String header = new String(file, 8, (int) headerLength, StandardCharsets.UTF_8);
      assertThat(header).startsWith("{\"__metadata__\":{\"format\":\"pt\"},");
      assertThat(header.strip()).endsWith("}");
      assertThat(header.substring(header.strip().length()).replace(" ", "")).isEmpty();
    }
  }

  @Test
  void writerRefusesWhatTheFormatCannotHold() {
    SafetensorsWriter writer = new SafetensorsWriter().add("x", Tensor.zeros(1));
    assertThrows(IllegalArgumentException.class, () -> writer.add("x", Tensor.zeros(1)));
    assertThrows(IllegalArgumentException.class, () -> writer.add("__metadata__", Tensor.zeros(1)));
    assertThrows(IllegalArgumentException.class, () -> writer.putMetadata("format", "np"));
    assertThrows(IllegalArgumentException.class,
        () -> writer.addRaw("y", Dtype.I32, new long[] {2}, ByteBuffer.allocate(4)));
  }

  @Test
  void tensorsPastTwoGigabytesAreReadAtLongPositions(@TempDir Path folder) throws Exception {
    long big = (1L << 31) + 8;
    String json = "{\"big\":{\"dtype\":\"U8\",\"shape\":[" + big + "],\"data_offsets\":[0," + big + "]},"
        + "\"small\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[" + big + "," + (big + 8) + "]}}";
    byte[] header = json.getBytes(StandardCharsets.UTF_8);
    Path path = folder.resolve("sparse.safetensors");
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE, StandardOpenOption.SPARSE)) {
      channel.write(ByteBuffer.wrap(HostileFiles.file(header, new byte[0])));
      ByteBuffer small = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f);
      small.flip();
      channel.write(small, 8 + header.length + big); // the bytes in between stay a hole
    }
    try (SafetensorsReader reader = SafetensorsReader.open(path)) {
      assertThat(reader.readFloat32("small").tensor().toFloatArray()).isEqualTo(new float[] {1.5f, -2f});
      SafetensorsException e = assertThrows(SafetensorsException.class, () -> reader.readBytes("big"));
      assertThat(e).hasMessageThat().contains("too many for one buffer");
    }
  }
}
