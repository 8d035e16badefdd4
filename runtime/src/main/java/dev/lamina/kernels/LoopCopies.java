package dev.lamina.kernels;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives each element-wise op its own copy of a loop class, so that the loop is written once and
 * still compiled once per op.
 *
 * <p>HotSpot profiles and compiles a method once for all its callers. Were every op to run the
 * same loop method with its own function, the call of that function inside the loop would see
 * many receivers (megamorphic): the JIT could then inline none of them, and no loop would be
 * vectorized. Measured on the element-wise benchmarks, that made the cheap ops 5 to 10 times
 * slower. A hidden class defined from the loop class's own bytes is a separate class with
 * separate methods, profiled and compiled for the one function it is given; its final fields are
 * trusted as constants.
 */
final class LoopCopies {
  private static final Map<Class<?>, byte[]> BYTES = new ConcurrentHashMap<>();

  private LoopCopies() {}

  /** A new instance of a fresh copy of {@code template}, built with {@code function}. */
  static <T> T copy(Class<? extends T> template, Class<?> functionType, Object function) {
    try {
      MethodHandles.Lookup copy =
          MethodHandles.lookup().defineHiddenClass(BYTES.computeIfAbsent(template, LoopCopies::read), true);
      Object instance = copy.findConstructor(copy.lookupClass(),
          MethodType.methodType(void.class, functionType)).invoke(function);
      @SuppressWarnings("unchecked") // the copy is a template, which extends T
      T kernel = (T) instance;
      return kernel;
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("cannot copy the loop class " + template.getName(), e);
    }
  }

  private static byte[] read(Class<?> template) {
    String resource = template.getSimpleName() + ".class";
    try (InputStream in = template.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("class file " + resource + " not found next to "
            + template.getName());
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
