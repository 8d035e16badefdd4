package dev.lamina.processor.shape;

import com.palantir.javapoet.CodeBlock;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * One parsed shape entry other than {@code "..."}: a literal, a name, or integer arithmetic on them.
 * The same grammar as the runtime's {@code SymbolicShape}, which checks what this one validated.
 */
public abstract class Dimension {
  private Dimension() {}

  /** The name when the entry is just a name ({@code "batch"}), else null; only such entries bind. */
  public String plainName() {
    return null;
  }

  /** Every name used, in order of appearance. */
  public final Set<String> names() {
    Set<String> out = new LinkedHashSet<>();
    collectNames(out);
    return out;
  }

  /** Every literal used, in order of appearance, so that non-positive ones can be reported. */
  public final Set<Integer> literals() {
    Set<Integer> out = new LinkedHashSet<>();
    collectLiterals(out);
    return out;
  }

  /** The entry as a Java int expression, each name replaced by {@code nameCode}. */
  public abstract CodeBlock toJava(Function<String, CodeBlock> nameCode);

  abstract void collectNames(Set<String> out);

  abstract void collectLiterals(Set<Integer> out);

  static Dimension literal(int value) {
    return new Dimension() {
      @Override
      public CodeBlock toJava(Function<String, CodeBlock> nameCode) {
        return CodeBlock.of("$L", value);
      }

      @Override
      void collectNames(Set<String> out) {}

      @Override
      void collectLiterals(Set<Integer> out) {
        out.add(value);
      }
    };
  }

  static Dimension name(String name) {
    return new Dimension() {
      @Override
      public String plainName() {
        return name;
      }

      @Override
      public CodeBlock toJava(Function<String, CodeBlock> nameCode) {
        return nameCode.apply(name);
      }

      @Override
      void collectNames(Set<String> out) {
        out.add(name);
      }

      @Override
      void collectLiterals(Set<Integer> out) {}
    };
  }

  static Dimension parenthesized(Dimension inner) {
    return new Dimension() {
      @Override
      public CodeBlock toJava(Function<String, CodeBlock> nameCode) {
        return CodeBlock.of("($L)", inner.toJava(nameCode));
      }

      @Override
      void collectNames(Set<String> out) {
        inner.collectNames(out);
      }

      @Override
      void collectLiterals(Set<Integer> out) {
        inner.collectLiterals(out);
      }
    };
  }

  static Dimension arithmetic(char operator, Dimension left, Dimension right) {
    return new Dimension() {
      @Override
      public CodeBlock toJava(Function<String, CodeBlock> nameCode) {
        return CodeBlock.of("$L $L $L", left.toJava(nameCode), operator, right.toJava(nameCode));
      }

      @Override
      void collectNames(Set<String> out) {
        left.collectNames(out);
        right.collectNames(out);
      }

      @Override
      void collectLiterals(Set<Integer> out) {
        left.collectLiterals(out);
        right.collectLiterals(out);
      }
    };
  }
}
