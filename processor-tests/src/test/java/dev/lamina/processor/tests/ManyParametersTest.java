package dev.lamina.processor.tests;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.lamina.processor.tests.Compilations.compile;
import static dev.lamina.processor.tests.Compilations.source;

import com.google.testing.compile.Compilation;
import dev.lamina.Module;
import dev.lamina.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A layer with 3,000 {@code @Param} fields: one generated method for all of them would exceed the
 * 64 KB of code the JVM allows a method ("code too large"); the generated code splits the work.
 */
class ManyParametersTest {
  private static final int COUNT = 3000;

  /** Loads the classes a compilation wrote, the runtime's from the test's own class path. */
  private static final class CompiledClasses extends ClassLoader {
    private final Map<String, byte[]> classes = new HashMap<>();

    CompiledClasses(Compilation compilation) throws IOException {
      super(ManyParametersTest.class.getClassLoader());
      for (JavaFileObject file : compilation.generatedFiles()) {
        if (file.getKind() == JavaFileObject.Kind.CLASS) {
          String path = file.toUri().getPath();
          String name = path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length(),
              path.length() - ".class".length()).replace('/', '.');
          try (InputStream in = file.openInputStream()) {
            classes.put(name, in.readAllBytes());
          }
        }
      }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }

  @Test
  void threeThousandParametersAreGeneratedRegisteredAndLoadable() throws Exception {
    StringBuilder body = new StringBuilder("package test;\n"
        + "import dev.lamina.Module;\n"
        + "import dev.lamina.Tensor;\n"
        + "import dev.lamina.annotations.*;\n"
        + "@Layer public abstract class Big extends Module {\n"
        + "  final int units;\n"
        + "  Big(int units) { this.units = units; }\n"
        + "  public Tensor forward(Tensor x) { return x.add(p0); }\n");
    for (int i = 0; i < COUNT; i++) {
      body.append("  @Param(shape = {\"units\", \"units*2\"}, init = Init.ONES) Tensor p")
          .append(i).append(";\n");
    }
    Compilation compilation = compile(source("test.Big", body.append("}\n").toString()));
    assertThat(compilation).succeeded();

    Class<?> generated = new CompiledClasses(compilation).loadClass("test.Lamina_Big");
    Constructor<?> constructor = generated.getDeclaredConstructor(int.class);
    constructor.setAccessible(true);
    Module layer = (Module) constructor.newInstance(2);
    Map<String, Tensor> parameters = layer.namedParameters();
    assertThat(parameters).hasSize(COUNT);
    assertThat(parameters.get("p2999").shape()).isEqualTo(new int[] {2, 4});

    Map<String, Tensor> state = new HashMap<>(layer.stateDict());
    state.put("p2999", Tensor.zeros(2, 4));
    layer.loadStateDict(state);
    assertThat(layer.namedParameters().get("p2999").sum().item()).isEqualTo(0f);
    assertThat(layer.namedParameters().get("p0").sum().item()).isEqualTo(8f);
  }
}
