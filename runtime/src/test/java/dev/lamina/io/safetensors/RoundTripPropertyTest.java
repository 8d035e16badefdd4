package dev.lamina.io.safetensors;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.Generator;
import dev.lamina.Tensor;
import dev.lamina.annotations.DType;
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
          assertTypedReadMatches(name, reader.read(name).tensor(), info.dtype(), in, values.length);
        }
      }
    }
  }

  /** {@code read} keeps integers exact and bools as bools; floating types as {@code readFloat32}. */
  private static void assertTypedReadMatches(String name, Tensor typed, Dtype dtype, ByteBuffer in,
      int count) {
    assertWithMessage(name).that(typed.dtype()).isEqualTo(dtype.tensorType());
    switch (typed.dtype()) {
      case INT64 -> {
        long[] longs = typed.toLongArray();
        for (int k = 0; k < count; k++) {
          int at = k * dtype.size();
          long expected = switch (dtype) {
            case I64 -> in.getLong(at);
            case I32 -> in.getInt(at);
            default -> Byte.toUnsignedInt(in.get(at));
          };
          assertWithMessage(name + "[" + k + "]").that(longs[k]).isEqualTo(expected);
        }
      }
      case BOOL -> {
        boolean[] booleans = typed.toBooleanArray();
        for (int k = 0; k < count; k++) {
          assertWithMessage(name + "[" + k + "]").that(booleans[k]).isEqualTo(in.get(k) == 1);
        }
      }
      case FLOAT32 -> {
        float[] floats = typed.toFloatArray();
        for (int k = 0; k < count; k++) {
          assertWithMessage(name + "[" + k + "]").that(Float.floatToIntBits(floats[k]))
              .isEqualTo(Float.floatToIntBits(reference(dtype, in, k)));
        }
      }
    }
  }

  @Test
  void int64AndBoolTensorsIncludingViewsComeBackExactly() throws Exception {
    Random random = new Random(11);
    for (int trial = 0; trial < TRIALS; trial++) {
      long[] longShape = randomShape(random);
      int[] shape = new int[longShape.length];
      int numel = 1;
      for (int i = 0; i < shape.length; i++) {
        shape[i] = (int) longShape[i];
        numel *= shape[i];
      }
      long[] longs = new long[numel];
      boolean[] booleans = new boolean[numel];
      for (int i = 0; i < numel; i++) {
        longs[i] = random.nextLong();
        booleans[i] = random.nextBoolean();
      }
      Tensor ints = Tensor.ofLongs(longs, shape);
      Tensor mask = Tensor.ofBooleans(booleans, shape);
      if (shape.length >= 2) {
        ints = ints.transpose(0, shape.length - 1); // not contiguous
        mask = mask.transpose(0, shape.length - 1);
      }
      byte[] file = new SafetensorsWriter().add("ints", ints).add("mask", mask).toBytes();
      try (SafetensorsReader reader = SafetensorsReader.fromBytes(file, "trial " + trial)) {
        assertThat(reader.info("ints").dtype()).isEqualTo(Dtype.I64);
        assertThat(reader.info("mask").dtype()).isEqualTo(Dtype.BOOL);
        SafetensorsReader.Read intsBack = reader.read("ints");
        SafetensorsReader.Read maskBack = reader.read("mask");
        assertThat(intsBack.changedValues()).isEqualTo(0);
        assertThat(maskBack.changedValues()).isEqualTo(0);
        assertWithMessage("ints").that(intsBack.tensor().equal(ints)).isTrue();
        assertWithMessage("mask").that(maskBack.tensor().equal(mask)).isTrue();
        // The bytes are the row-major little-endian values, as PyTorch's save_file writes them.
        ByteBuffer raw = reader.readBytes("ints");
        long[] rowMajor = ints.toLongArray();
        for (int i = 0; i < rowMajor.length; i++) {
          assertThat(raw.getLong(i * 8)).isEqualTo(rowMajor[i]);
        }
        ByteBuffer bytes = reader.readBytes("mask");
        boolean[] maskRowMajor = mask.toBooleanArray();
        for (int i = 0; i < maskRowMajor.length; i++) {
          assertThat(bytes.get(i)).isEqualTo(maskRowMajor[i] ? (byte) 1 : (byte) 0);
        }
      }
    }
  }

  @Test
  void rankZeroInt64ComesBackAsRankZero() throws Exception {
    Tensor counter = Tensor.zeros(DType.INT64);
    counter.addInPlace(3);
    byte[] file = new SafetensorsWriter().add("num_batches_tracked", counter).toBytes();
    try (SafetensorsReader reader = SafetensorsReader.fromBytes(file, "counter")) {
      assertThat(reader.info("num_batches_tracked").shape()).isEmpty();
      Tensor back = reader.read("num_batches_tracked").tensor();
      assertThat(back.dim()).isEqualTo(0);
      assertThat(back.longItem()).isEqualTo(3L);
      // readFloat32 still converts, for loaders that want floats.
      assertThat(reader.readFloat32("num_batches_tracked").tensor().item()).isEqualTo(3f);
    }
  }

  @Test
  void boolBytesOtherThanZeroAndOneReadAsTrueAndAreCounted() throws Exception {
    byte[] file = new SafetensorsWriter()
        .addRaw("mask", Dtype.BOOL, new long[] {4}, ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 255}))
        .toBytes();
    try (SafetensorsReader reader = SafetensorsReader.fromBytes(file, "mask")) {
      SafetensorsReader.Read read = reader.read("mask");
      assertThat(read.tensor().toBooleanArray()).asList().containsExactly(false, true, true, true).inOrder();
      assertThat(read.changedValues()).isEqualTo(2);
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
