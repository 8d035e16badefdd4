package dev.lamina.io.safetensors;

import dev.lamina.annotations.DType;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The element types Lamina reads from safetensors files, under the format's names, with their
 * sizes in bytes and their conversion to float32.
 *
 * <p>Conversions of F16, BF16, U8 and BOOL are exact. F64, I64 and I32 values may not fit a float32;
 * {@link #toFloat32} counts the values that change.
 *
 * <p>Read in the Lamina type of their kind ({@link #tensorType()}), floating types become float32,
 * integer types int64 (exactly: I32 and U8 widen) and BOOL bool; Lamina writes its three types as
 * F32, I64 and BOOL ({@link #forTensorType}).
 */
public enum Dtype {
  F32(4),
  F16(2),
  BF16(2),
  F64(8),
  I64(8),
  I32(4),
  U8(1),
  BOOL(1);

  private final int size;

  Dtype(int size) {
    this.size = size;
  }

  /** Bytes per element. */
  public int size() {
    return size;
  }

  /** Whether every value of this type is exactly a float32. */
  public boolean convertsExactly() {
    return this != F64 && this != I64 && this != I32;
  }

  /** The Lamina type of the same kind: float32 for F32, F16, BF16, F64; int64 for I64, I32, U8; bool. */
  public DType tensorType() {
    return switch (this) {
      case F32, F16, BF16, F64 -> DType.FLOAT32;
      case I64, I32, U8 -> DType.INT64;
      case BOOL -> DType.BOOL;
    };
  }

  /** The type a Lamina tensor of {@code type} is written as: F32, I64 or BOOL. */
  public static Dtype forTensorType(DType type) {
    return switch (type) {
      case FLOAT32 -> F32;
      case INT64 -> I64;
      case BOOL -> BOOL;
    };
  }

  /**
   * Converts {@code count} little-endian elements of an integer type (I64, I32, U8) from
   * {@code source} (advancing it) into {@code target[offset...]}; exact.
   *
   * @throws IllegalStateException for a type whose {@link #tensorType()} is not int64
   */
  public void toInt64(ByteBuffer source, long[] target, int offset, int count) {
    switch (this) {
      case I64 -> {
        source.asLongBuffer().get(target, offset, count);
        source.position(source.position() + count * 8);
      }
      case I32 -> {
        for (int i = 0; i < count; i++) {
          target[offset + i] = source.getInt();
        }
      }
      case U8 -> {
        for (int i = 0; i < count; i++) {
          target[offset + i] = source.get() & 0xff;
        }
      }
      default -> throw new IllegalStateException(this + " is not an integer type");
    }
  }

  /**
   * Converts {@code count} BOOL bytes from {@code source} (advancing it) into
   * {@code target[offset...]}: 0 is false, anything else true.
   *
   * @return how many bytes were neither 0 nor 1, which the format does not allow
   * @throws IllegalStateException for a type other than BOOL
   */
  public long toBool(ByteBuffer source, boolean[] target, int offset, int count) {
    if (this != BOOL) {
      throw new IllegalStateException(this + " is not BOOL");
    }
    long changed = 0;
    for (int i = 0; i < count; i++) {
      byte b = source.get();
      if (b != 0 && b != 1) {
        changed++;
      }
      target[offset + i] = b != 0;
    }
    return changed;
  }

  /** The type named {@code name} in a header, or null when Lamina does not read it. */
  public static Dtype forName(String name) {
    for (Dtype d : values()) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    return null;
  }

  /** The names of all supported types, for messages. */
  public static String supportedNames() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }

  /**
   * Converts {@code count} little-endian elements from {@code source} (advancing it) into
   * {@code target[offset...]}.
   *
   * @return how many values changed in the conversion (for BOOL: bytes other than 0 and 1)
   */
  public long toFloat32(ByteBuffer source, float[] target, int offset, int count) {
    long changed = 0;
    switch (this) {
      case F32 -> {
        source.asFloatBuffer().get(target, offset, count);
        source.position(source.position() + count * 4);
        return 0;
      }
      case F16 -> {
        for (int i = 0; i < count; i++) {
          target[offset + i] = HalfFloats.toFloat(source.getShort());
        }
        return 0;
      }
      case BF16 -> {
        for (int i = 0; i < count; i++) {
          target[offset + i] = Float.intBitsToFloat((source.getShort() & 0xffff) << 16);
        }
        return 0;
      }
      case F64 -> {
        for (int i = 0; i < count; i++) {
          double d = source.getDouble();
          float f = (float) d;
          if (f != d && !Double.isNaN(d)) {
            changed++;
          }
          target[offset + i] = f;
        }
        return changed;
      }
      case I64 -> {
        for (int i = 0; i < count; i++) {
          long v = source.getLong();
          float f = (float) v;
          // 2^63 rounds to a float that no long equals; (long) f saturates, so compare as doubles too.
          if ((long) f != v || f >= 0x1p63f) {
            changed++;
          }
          target[offset + i] = f;
        }
        return changed;
      }
      case I32 -> {
        for (int i = 0; i < count; i++) {
          int v = source.getInt();
          float f = (float) v;
          if ((long) f != v) {
            changed++;
          }
          target[offset + i] = f;
        }
        return changed;
      }
      case U8 -> {
        for (int i = 0; i < count; i++) {
          target[offset + i] = source.get() & 0xff;
        }
        return 0;
      }
      case BOOL -> {
        for (int i = 0; i < count; i++) {
          byte b = source.get();
          if (b != 0 && b != 1) {
            changed++;
          }
          target[offset + i] = b == 0 ? 0f : 1f;
        }
        return changed;
      }
      default -> throw new AssertionError(this);
    }
  }
}
