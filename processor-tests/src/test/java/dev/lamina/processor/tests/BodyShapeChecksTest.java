package dev.lamina.processor.tests;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.lamina.processor.tests.Compilations.compile;
import static dev.lamina.processor.tests.Compilations.source;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Shape mistakes inside {@code forward}, found by the compiler: each bug of the corpus is one error
 * with its message on the offending line (marked {@code // here}), and each correct layer compiles
 * with no error and no warning.
 */
class BodyShapeChecksTest {
  private static final String HEADER = "package test;\n"
      + "import dev.lamina.Module;\n"
      + "import dev.lamina.Tensor;\n"
      + "import dev.lamina.annotations.*;\n"
      + "import dev.lamina.nn.Linear;\n"
      + "import java.util.*;\n"
      + "@Layer public abstract class Bad extends Module {\n"
      + "  final int inUnits;\n"
      + "  final int units;\n"
      + "  final int heads;\n"
      + "  final int dim;\n"
      + "  Bad(int inUnits, int units, int heads, int dim) {\n"
      + "    this.inUnits = inUnits; this.units = units; this.heads = heads; this.dim = dim;\n"
      + "  }\n";

  private static JavaFileObject layer(String members) {
    return source("test.Bad", HEADER + members + "}\n");
  }

  static Stream<Arguments> bugs() {
    List<Arguments> cases = new ArrayList<>();
    String weight = "  @Param(shape = {\"units\", \"inUnits\"}) Tensor weight;\n"
        + "  @Param(shape = {\"units\"}) Tensor bias;\n";
    cases.add(Arguments.of("transposed weight", weight
        + "  public Tensor forward(@Shape({\"batch\", \"inUnits\"}) Tensor x) {\n"
        + "    return x.matmul(weight); // here\n  }\n",
        "[ShapeMismatch] matmul of x [batch, inUnits] and weight [units, inUnits]: inUnits and"
            + " units differ; did you mean weight.t()?"));
    cases.add(Arguments.of("linear with a swapped weight",
        "  @Param(shape = {\"inUnits\", \"units\"}) Tensor weight;\n"
        + "  public Tensor forward(@Shape({\"batch\", \"inUnits\"}) Tensor x) {\n"
        + "    return x.linear(weight, null); // here\n  }\n",
        "[ShapeMismatch] linear of x [batch, inUnits] and weight [inUnits, units]: linear takes a"
            + " weight [out, in], and inUnits and units differ; did you mean weight.t(), a weight"
            + " laid out [in, out]?"));
    cases.add(Arguments.of("bias of the input's size", weight
        + "  @Param(shape = {\"inUnits\"}) Tensor shift;\n"
        + "  public Tensor forward(@Shape({\"batch\", \"inUnits\"}) Tensor x) {\n"
        + "    return x.matmul(weight.t()).add(shift); // here\n  }\n",
        "[ShapeMismatch] add of x.matmul(weight.t()) [batch, units] and shift [inUnits]: units and"
            + " inUnits differ and neither is 1, so they do not broadcast"));
    cases.add(Arguments.of("broadcasting two non-1 dims",
        "  public Tensor forward(@Shape({\"batch\", \"inUnits\"}) Tensor x,\n"
        + "      @Shape({\"batch\", \"units\"}) Tensor h) {\n"
        + "    return x.mul(h); // here\n  }\n",
        "[ShapeMismatch] mul of x [batch, inUnits] and h [batch, units]: inUnits and units differ"
            + " and neither is 1, so they do not broadcast"));
    cases.add(Arguments.of("literal sizes that differ",
        "  public Tensor forward(@Shape({\"batch\", \"3\"}) Tensor x, @Shape({\"4\"}) Tensor b) {\n"
        + "    return x.sub(b); // here\n  }\n",
        "[ShapeMismatch] sub of x [batch, 3] and b [4]: 3 and 4 differ and neither is 1"));
    cases.add(Arguments.of("reduction over a dim the tensor lacks",
        "  public Tensor forward(@Shape({\"batch\", \"inUnits\"}) Tensor x) {\n"
        + "    return x.sum(2, false); // here\n  }\n",
        "[ShapeMismatch] sum of x [batch, inUnits]: sum dim 2 is out of range for a tensor of 2"
            + " dimensions [batch, inUnits]"));
    cases.add(Arguments.of("a reduction over the wrong dim", weight
        + "  public Tensor forward(@Shape({\"batch\", \"inUnits\"}) Tensor x) {\n"
        + "    Tensor centre = x.sum(0, false);\n"
        + "    return x.matmul(weight.t()).sub(centre); // here\n  }\n",
        "[ShapeMismatch] sub of x.matmul(weight.t()) [batch, units] and centre [inUnits]: units and"
            + " inUnits differ and neither is 1, so they do not broadcast"));
    cases.add(Arguments.of("softmax over a dim out of range",
        "  public Tensor forward(@Shape({\"batch\", \"units\"}) Tensor x) {\n"
        + "    return x.softmax(2); // here\n  }\n",
        "[ShapeMismatch] softmax of x [batch, units]: softmax dim 2 is out of range"));
    cases.add(Arguments.of("reshape to another number of elements",
        "  public Tensor forward(@Shape({\"batch\", \"heads*dim\"}) Tensor x) {\n"
        + "    return x.reshape(x.size(0), heads, units); // here\n  }\n",
        "[ShapeMismatch] reshape of x [batch, heads*dim]: it holds batch*heads*dim elements, and"
            + " batch*heads*units were asked for"));
    cases.add(Arguments.of("cat of mismatched sizes",
        "  public Tensor forward(@Shape({\"batch\", \"inUnits\"}) Tensor x,\n"
        + "      @Shape({\"seq\", \"inUnits\"}) Tensor y) {\n"
        + "    return Tensor.cat(1, x, y); // here\n  }\n",
        "[ShapeMismatch] cat of x [batch, inUnits], y [seq, inUnits]: tensor 1 [seq, inUnits] and"
            + " tensor 0 [batch, inUnits] differ in dim 0, seq and batch"));
    cases.add(Arguments.of("stack of different shapes",
        "  public Tensor forward(@Shape({\"batch\", \"inUnits\"}) Tensor x,\n"
        + "      @Shape({\"batch\", \"units\"}) Tensor y) {\n"
        + "    return Tensor.stack(0, x, y); // here\n  }\n",
        "[ShapeMismatch] stack of x [batch, inUnits], y [batch, units]: tensor 1 [batch, units] and"
            + " tensor 0 [batch, inUnits] differ in dim 1, units and inUnits"));
    cases.add(Arguments.of("cat of different ranks",
        "  public Tensor forward(@Shape({\"batch\", \"inUnits\"}) Tensor x,\n"
        + "      @Shape({\"inUnits\"}) Tensor y) {\n"
        + "    return Tensor.cat(0, x, y); // here\n  }\n",
        "[ShapeMismatch] cat of x [batch, inUnits], y [inUnits]: tensor 1 has 1 dimensions and"
            + " tensor 0 2"));
    cases.add(Arguments.of("einsum letters of different sizes", weight
        + "  public Tensor forward(@Shape({\"batch\", \"inUnits\"}) Tensor x) {\n"
        + "    return Tensor.einsum(\"bi,io->bo\", x, weight); // here\n  }\n",
        "[ShapeMismatch] einsum \"bi,io->bo\" of x [batch, inUnits], weight [units, inUnits]: letter"
            + " i is inUnits in operand 0 and units in operand 1"));
    cases.add(Arguments.of("einsum with a letter too many",
        "  public Tensor forward(@Shape({\"batch\", \"inUnits\"}) Tensor x) {\n"
        + "    return Tensor.einsum(\"bij->b\", x); // here\n  }\n",
        "[ShapeMismatch] einsum \"bij->b\" of x [batch, inUnits]: operand 0 [batch, inUnits] has 2"
            + " dimensions, but \"bij\" names 3"));
    cases.add(Arguments.of("attention without transposing the keys",
        "  public Tensor forward(@Shape({\"batch\", \"seq\", \"dim\"}) Tensor q,\n"
        + "      @Shape({\"batch\", \"seq\", \"dim\"}) Tensor k) {\n"
        + "    Tensor scores = q.matmul(k); // here\n"
        + "    return scores.softmax(-1);\n  }\n",
        "[ShapeMismatch] matmul of q [batch, seq, dim] and k [batch, seq, dim]: dim and seq differ"));
    cases.add(Arguments.of("output differing from the declared shape", weight
        + "  @Shape({\"batch\", \"units\"})\n"
        + "  public Tensor forward(@Shape({\"batch\", \"inUnits\"}) Tensor x) {\n"
        + "    return x.relu(); // here\n  }\n",
        "[ShapeReturnMismatch] forward returns x.relu() [batch, inUnits], but its @Shape declares"
            + " [batch, units]: inUnits and units differ"));
    cases.add(Arguments.of("output of another rank", weight
        + "  @Shape({\"batch\", \"units\"})\n"
        + "  public Tensor forward(@Shape({\"batch\", \"inUnits\"}) Tensor x) {\n"
        + "    Tensor y = x.matmul(weight.t());\n"
        + "    return y.sum(1, false); // here\n  }\n",
        "[ShapeReturnMismatch] forward returns y.sum(1, false) [batch], but its @Shape declares"
            + " [batch, units]: it has 1 dimensions, not 2"));
    cases.add(Arguments.of("a reassigned local", weight
        + "  public Tensor forward(@Shape({\"batch\", \"inUnits\"}) Tensor x) {\n"
        + "    Tensor y = x;\n"
        + "    y = y.matmul(weight.t());\n"
        + "    return y.matmul(weight.t()); // here\n  }\n",
        "[ShapeMismatch] matmul of y [batch, units] and weight.t() [inUnits, units]: units and"
            + " inUnits differ"));
    cases.add(Arguments.of("the same mistake on both branches", weight
        + "  final boolean twice = false;\n"
        + "  public Tensor forward(@Shape({\"batch\", \"inUnits\"}) Tensor x) {\n"
        + "    Tensor y;\n"
        + "    if (twice) {\n"
        + "      y = x.matmul(weight.t());\n"
        + "    } else {\n"
        + "      y = x.matmul(weight.t()).relu();\n"
        + "    }\n"
        + "    return y.add(x); // here\n  }\n",
        "[ShapeMismatch] add of y [batch, units] and x [batch, inUnits]: units and inUnits differ"));
    cases.add(Arguments.of("a child given the wrong width",
        "  final Linear fc = Linear.create(3, 4);\n"
        + "  public Tensor forward(@Shape({\"batch\", \"inUnits\"}) Tensor x,\n"
        + "      @Shape({\"batch\", \"units\"}) Tensor h) {\n"
        + "    return fc.forward(x.t()).add(h); // here\n  }\n",
        "[ShapeMismatch] add of fc.forward(x.t()) [inUnits, ?] and h [batch, units]"));
    cases.add(Arguments.of("a child's output of another width", weight
        + "  final Inner inner = null;\n"
        + "  @Shape({\"batch\", \"units\"})\n"
        + "  public Tensor forward(@Shape({\"batch\", \"inUnits\"}) Tensor x) {\n"
        + "    return inner.forward(x, x); // here\n  }\n"
        + "  @Layer public abstract static class Inner extends Module {\n"
        + "    @Shape({\"n\", \"m\"})\n"
        + "    public Tensor forward(@Shape({\"n\", \"k\"}) Tensor a, @Shape({\"m\", \"k\"}) Tensor b) {"
        + " return a.matmul(b.t()); }\n"
        + "  }\n",
        "[ShapeReturnMismatch] forward returns inner.forward(x, x) [batch, batch], but its @Shape"
            + " declares [batch, units]: batch and units differ"));
    cases.add(Arguments.of("t of a 3-d tensor",
        "  public Tensor forward(@Shape({\"batch\", \"seq\", \"dim\"}) Tensor x) {\n"
        + "    return x.t(); // here\n  }\n",
        "[ShapeMismatch] t of x [batch, seq, dim]: t() takes at most 2 dimensions, but the tensor"
            + " has 3; use transpose(-2, -1)"));
    cases.add(Arguments.of("transpose of a dim out of range",
        "  public Tensor forward(@Shape({\"batch\", \"dim\"}) Tensor x) {\n"
        + "    return x.transpose(1, 2); // here\n  }\n",
        "[ShapeMismatch] transpose of x [batch, dim]: transpose dim 2 is out of range"));
    cases.add(Arguments.of("permute with a dim too few",
        "  public Tensor forward(@Shape({\"batch\", \"seq\", \"dim\"}) Tensor x) {\n"
        + "    return x.permute(0, 2); // here\n  }\n",
        "[ShapeMismatch] permute of x [batch, seq, dim]: permute takes one dim per dimension, 3,"
            + " but was given 2"));
    cases.add(Arguments.of("a mistake inside a loop over children", weight
        + "  final List<Linear> blocks = new ArrayList<>();\n"
        + "  public Tensor forward(@Shape({\"batch\", \"inUnits\"}) Tensor x) {\n"
        + "    for (Linear block : blocks) {\n"
        + "      x = block.forward(x).add(weight); // here\n"
        + "    }\n"
        + "    return x;\n  }\n",
        "[ShapeMismatch] add of block.forward(x) [batch, ?] and weight [units, inUnits]"));
    cases.add(Arguments.of("matmul of two vectors of other sizes",
        "  public Tensor forward(@Shape({\"inUnits\"}) Tensor a, @Shape({\"units\"}) Tensor b) {\n"
        + "    return a.matmul(b); // here\n  }\n",
        "[ShapeMismatch] matmul of a [inUnits] and b [units]: inUnits and units differ"));
    cases.add(Arguments.of("unsqueeze past the end",
        "  public Tensor forward(@Shape({\"batch\", \"dim\"}) Tensor x) {\n"
        + "    return x.unsqueeze(3); // here\n  }\n",
        "[ShapeMismatch] unsqueeze of x [batch, dim]: unsqueeze dim 3 is out of range for 2"
            + " dimensions"));
    cases.add(Arguments.of("the size of a dim that is not there",
        "  public Tensor forward(@Shape({\"batch\", \"dim\"}) Tensor x) {\n"
        + "    return x.reshape(x.size(2), -1); // here\n  }\n",
        "[ShapeMismatch] size of x [batch, dim]: size dim 2 is out of range"));
    cases.add(Arguments.of("a misspelt name the warning also points at",
        "  @Param(shape = {\"inUnits\", \"units\"}) Tensor w;\n"
        + "  public Tensor forward(@Shape({\"batch\", \"inUnit\"}) Tensor x) {\n"
        + "    return x.matmul(w); // here\n  }\n",
        "[ShapeMismatch] matmul of x [batch, inUnit] and w [inUnits, units]: inUnit and inUnits"
            + " differ"));
    cases.add(Arguments.of("a convolution given the wrong channels",
        "  @Param(shape = {\"units\", \"inUnits\", \"3\", \"3\"}) Tensor kernel;\n"
        + "  public Tensor forward(@Shape({\"batch\", \"dim\", \"h\", \"w\"}) Tensor x) {\n"
        + "    return x.conv2d(kernel, null); // here\n  }\n",
        "[ShapeMismatch] conv2d of x [batch, dim, h, w] and kernel [units, inUnits, 3, 3]: the input"
            + " has dim channels, and the weight takes inUnits"));
    cases.add(Arguments.of("a grouped convolution whose groups do not fit",
        "  @Param(shape = {\"units\", \"inUnits\", \"3\", \"3\"}) Tensor kernel;\n"
        + "  public Tensor forward(@Shape({\"batch\", \"inUnits\", \"h\", \"w\"}) Tensor x) {\n"
        + "    return x.conv2d(kernel, null, new int[] {1}, new int[] {1}, new int[] {1}, 2);"
        + " // here\n  }\n",
        "the input has inUnits channels, and the weight takes inUnits*2 (inUnits per group of 2)"));
    cases.add(Arguments.of("a convolution weight of the wrong rank",
        "  @Param(shape = {\"units\", \"inUnits\"}) Tensor kernel;\n"
        + "  public Tensor forward(@Shape({\"batch\", \"inUnits\", \"h\", \"w\"}) Tensor x) {\n"
        + "    return x.conv2d(kernel, null); // here\n  }\n",
        "conv2d takes a weight of 4 dimensions [out, in/groups, kernel...], but it has 2"));
    cases.add(Arguments.of("a pooled map multiplied by an untransposed weight",
        "  @Param(shape = {\"units\", \"inUnits\"}) Tensor weight;\n"
        + "  public Tensor forward(@Shape({\"batch\", \"inUnits\", \"h\", \"w\"}) Tensor x) {\n"
        + "    Tensor pooled = x.adaptiveAvgPool2d(1, 1).flatten(1);\n"
        + "    return pooled.matmul(weight); // here\n  }\n",
        "[ShapeMismatch] matmul of pooled [batch, inUnits] and weight [units, inUnits]: inUnits and"
            + " units differ; did you mean weight.t()?"));
    cases.add(Arguments.of("pooling a matrix",
        "  public Tensor forward(@Shape({\"batch\", \"dim\"}) Tensor x) {\n"
        + "    return x.maxPool2d(2); // here\n  }\n",
        "[ShapeMismatch] maxPool2d of x [batch, dim]: maxPool2d takes an input of 3 or 4 dimensions,"
            + " but it has 2"));
    cases.add(Arguments.of("a mean without keepDim subtracted",
        "  public Tensor forward(@Shape({\"batch\", \"seq\", \"dim\"}) Tensor x) {\n"
        + "    return x.sub(x.mean(1, false)); // here\n  }\n",
        "[ShapeMismatch] sub of x [batch, seq, dim] and x.mean(1, false) [batch, dim]: seq and batch"
            + " differ and neither is 1, so they do not broadcast"));
    cases.add(Arguments.of("keys transposed on the wrong dims",
        "  public Tensor forward(@Shape({\"batch\", \"seq\", \"dim\"}) Tensor q,\n"
        + "      @Shape({\"batch\", \"seq\", \"dim\"}) Tensor k) {\n"
        + "    return q.matmul(k.transpose(0, 1)); // here\n  }\n",
        "[ShapeMismatch] matmul of q [batch, seq, dim] and k.transpose(0, 1) [seq, batch, dim]: dim"
            + " and batch differ"));
    cases.add(Arguments.of("a bias unsqueezed on the wrong side",
        "  @Param(shape = {\"units\", \"inUnits\"}) Tensor weight;\n"
        + "  @Param(shape = {\"units\"}) Tensor bias;\n"
        + "  public Tensor forward(@Shape({\"batch\", \"inUnits\"}) Tensor x) {\n"
        + "    return x.matmul(weight.t()).add(bias.unsqueeze(1)); // here\n  }\n",
        "[ShapeMismatch] add of x.matmul(weight.t()) [batch, units] and bias.unsqueeze(1) [units, 1]:"
            + " batch and units differ and neither is 1"));
    cases.add(Arguments.of("a stack added to a weight",
        "  @Param(shape = {\"units\", \"inUnits\"}) Tensor weight;\n"
        + "  public Tensor forward(@Shape({\"batch\", \"inUnits\"}) Tensor x) {\n"
        + "    return Tensor.stack(0, x, x).add(weight); // here\n  }\n",
        "[ShapeMismatch] add of Tensor.stack(0, x, x) [2, batch, inUnits] and weight [units, inUnits]:"
            + " batch and units differ"));
    cases.add(Arguments.of("a third part of a cat that does not fit",
        "  public Tensor forward(@Shape({\"batch\", \"dim\"}) Tensor a,\n"
        + "      @Shape({\"batch\", \"dim\"}) Tensor b, @Shape({\"batch\", \"units\"}) Tensor c) {\n"
        + "    return Tensor.cat(0, a, b, c); // here\n  }\n",
        "tensor 2 [batch, units] and tensor 0 [batch, dim] differ in dim 1, units and dim"));
    cases.add(Arguments.of("a projection of the wrong width on a sequence",
        "  @Param(shape = {\"units\", \"inUnits\"}) Tensor proj;\n"
        + "  public Tensor forward(@Shape({\"batch\", \"seq\", \"dim\"}) Tensor x) {\n"
        + "    return x.linear(proj, null); // here\n  }\n",
        "[ShapeMismatch] linear of x [batch, seq, dim] and proj [units, inUnits]: linear takes a"
            + " weight [out, in], and dim and inUnits differ"));
    cases.add(Arguments.of("a flatten that forgets what the pooling halved",
        "  @Param(shape = {\"8\", \"1\", \"5\", \"5\"}) Tensor kernel;\n"
        + "  @Param(shape = {\"10\", \"8*28*28\"}) Tensor head;\n"
        + "  public Tensor forward(@Shape({\"batch\", \"1\", \"28\", \"28\"}) Tensor x) {\n"
        + "    Tensor y = x.conv2d(kernel, null, new int[] {1}, new int[] {2}).maxPool2d(2);\n"
        + "    return y.flatten(1).matmul(head.t()); // here\n  }\n",
        "[ShapeMismatch] matmul of y.flatten(1) [batch, 1568] and head.t() [8*28*28, 10]: 1568 and"
            + " 8*28*28 differ"));
    cases.add(Arguments.of("a kernel larger than the padded image",
        "  @Param(shape = {\"4\", \"3\", \"7\", \"7\"}) Tensor kernel;\n"
        + "  public Tensor forward(@Shape({\"batch\", \"3\", \"5\", \"5\"}) Tensor x) {\n"
        + "    return x.conv2d(kernel, null); // here\n  }\n",
        "the input's 5 positions padded by 0 on each side are fewer than the kernel's 7"));
    cases.add(Arguments.of("a 1-d convolution whose output length is then used wrongly",
        "  @Param(shape = {\"units\", \"inUnits\", \"3\"}) Tensor kernel;\n"
        + "  public Tensor forward(@Shape({\"batch\", \"inUnits\", \"10\"}) Tensor x) {\n"
        + "    Tensor y = x.conv1d(kernel, null, 1, 0, 1, 1);\n"
        + "    return y.add(x); // here\n  }\n",
        "[ShapeMismatch] add of y [batch, units, 8] and x [batch, inUnits, 10]: 8 and 10 differ and"
            + " neither is 1"));
    cases.add(Arguments.of("pooling padded by more than half its kernel",
        "  public Tensor forward(@Shape({\"batch\", \"3\", \"8\", \"8\"}) Tensor x) {\n"
        + "    return x.maxPool2d(new int[] {2}, new int[] {2}, new int[] {2}); // here\n  }\n",
        "the padding 2 is more than half of the kernel's 2 rows"));
    cases.add(Arguments.of("a squeezed dim that was never 1",
        "  @Param(shape = {\"units\", \"dim\"}) Tensor weight;\n"
        + "  public Tensor forward(@Shape({\"batch\", \"1\", \"dim\"}) Tensor x) {\n"
        + "    return x.squeeze(1).matmul(weight); // here\n  }\n",
        "[ShapeMismatch] matmul of x.squeeze(1) [batch, dim] and weight [units, dim]: dim and units"
            + " differ; did you mean weight.t()?"));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bugs")
  void eachBugIsOneErrorOnItsLine(String name, String members, String message) {
    JavaFileObject source = layer(members);
    Compilation compilation = compile(source);
    assertWithMessage(name + ": " + compilation.diagnostics()).that(compilation.errors())
        .hasSize(1);
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining("// here");
  }

  @Test
  void shapeMismatch() {
    JavaFileObject source = layer("  @Param(shape = {\"units\", \"inUnits\"}) Tensor weight;\n"
        + "  public Tensor forward(@Shape({\"batch\", \"inUnits\"}) Tensor x) {\n"
        + "    Tensor y = x.relu();\n"
        + "    return y.matmul(weight);\n  }\n");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[ShapeMismatch] matmul of y [batch, inUnits] and"
        + " weight [units, inUnits]: inUnits and units differ; did you mean weight.t()?")
        .inFile(source).onLineContaining("return y.matmul(weight);");
  }

  @Test
  void shapeReturnMismatch() {
    JavaFileObject source = layer("  @Shape({\"batch\", \"units\"})\n"
        + "  public Tensor forward(@Shape({\"batch\", \"inUnits\"}) Tensor x) {\n"
        + "    return x;\n  }\n");
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[ShapeReturnMismatch] forward returns x [batch,"
        + " inUnits], but its @Shape declares [batch, units]: inUnits and units differ")
        .inFile(source).onLineContaining("return x;");
  }

  @Test
  void theChecksCanBeTurnedOff() {
    Compilation compilation = com.google.testing.compile.Compiler.javac()
        .withProcessors(new dev.lamina.processor.LayerProcessor(),
            new dev.lamina.processor.LayerServicesProcessor())
        .withOptions("-Alamina.checkBodies=false")
        .compile(layer("  public Tensor forward(@Shape({\"inUnits\"}) Tensor a,"
            + " @Shape({\"units\"}) Tensor b) {\n    return a.matmul(b);\n  }\n"));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void theCorpusHasFortyBugsAtLeast() {
    assertWithMessage("bugs in the corpus").that(bugs().count()).isAtLeast(40L);
    assertWithMessage("correct layers").that(correctLayers().count()).isAtLeast(26L);
  }

  static Stream<Arguments> correctLayers() {
    List<Arguments> cases = new ArrayList<>();
    String weight = "  @Param(shape = {\"units\", \"inUnits\"}) Tensor weight;\n"
        + "  @Param(shape = {\"units\"}) Tensor bias;\n";
    cases.add(Arguments.of("linear by matmul", weight
        + "  @Shape({\"batch\", \"units\"})\n"
        + "  public Tensor forward(@Shape({\"batch\", \"inUnits\"}) Tensor x) {\n"
        + "    return x.matmul(weight.t()).add(bias);\n  }\n"));
    cases.add(Arguments.of("linear by linear", weight
        + "  @Shape({\"...\", \"units\"})\n"
        + "  public Tensor forward(@Shape({\"...\", \"inUnits\"}) Tensor x) {\n"
        + "    return x.linear(weight, bias).relu();\n  }\n"));
    cases.add(Arguments.of("attention scores", ""
        + "  @Shape({\"batch\", \"seq\", \"seq\"})\n"
        + "  public Tensor forward(@Shape({\"batch\", \"seq\", \"dim\"}) Tensor q,\n"
        + "      @Shape({\"batch\", \"seq\", \"dim\"}) Tensor k) {\n"
        + "    return q.matmul(k.transpose(-2, -1)).div(8f).softmax(-1);\n  }\n"));
    cases.add(Arguments.of("heads by reshape and permute", ""
        + "  public Tensor forward(@Shape({\"batch\", \"seq\", \"heads*dim\"}) Tensor x) {\n"
        + "    Tensor split = x.reshape(x.size(0), x.size(1), heads, dim);\n"
        + "    return split.permute(0, 2, 1, 3).reshape(x.size(0), heads, -1);\n  }\n"));
    cases.add(Arguments.of("a name against a literal", ""
        + "  public Tensor forward(@Shape({\"batch\", \"3\"}) Tensor x, @Shape({\"units\"}) Tensor c) {\n"
        + "    return x.mul(c);\n  }\n"));
    cases.add(Arguments.of("broadcast of ones", ""
        + "  public Tensor forward(@Shape({\"batch\", \"units\"}) Tensor x) {\n"
        + "    return x.sub(x.mean(1, true)).div(x.sum(0, true));\n  }\n"));
    cases.add(Arguments.of("cat along the differing dim", ""
        + "  @Shape({\"batch\", \"inUnits+units\"})\n"
        + "  public Tensor forward(@Shape({\"batch\", \"inUnits\"}) Tensor x,\n"
        + "      @Shape({\"batch\", \"units\"}) Tensor h) {\n"
        + "    return Tensor.cat(1, x, h);\n  }\n"));
    cases.add(Arguments.of("einsum of matching letters", weight
        + "  @Shape({\"batch\", \"units\"})\n"
        + "  public Tensor forward(@Shape({\"batch\", \"inUnits\"}) Tensor x) {\n"
        + "    return Tensor.einsum(\"bi,oi->bo\", x, weight);\n  }\n"));
    cases.add(Arguments.of("branches that agree", weight
        + "  final boolean useBias = true;\n"
        + "  @Shape({\"batch\", \"units\"})\n"
        + "  public Tensor forward(@Shape({\"batch\", \"inUnits\"}) Tensor x) {\n"
        + "    Tensor y = x.matmul(weight.t());\n"
        + "    if (useBias) {\n      y = y.add(bias);\n    }\n"
        + "    return y;\n  }\n"));
    cases.add(Arguments.of("a residual loop over children", ""
        + "  final List<Linear> blocks = new ArrayList<>();\n"
        + "  public Tensor forward(@Shape({\"batch\", \"units\"}) Tensor x) {\n"
        + "    for (Linear block : blocks) {\n      x = x.add(block.forward(x).relu());\n    }\n"
        + "    return x;\n  }\n"));
    cases.add(Arguments.of("values the checker does not follow", ""
        + "  Tensor cached;\n"
        + "  public Tensor forward(@Shape({\"batch\", \"units\"}) Tensor x) {\n"
        + "    Tensor other = helper(x);\n"
        + "    java.util.function.UnaryOperator<Tensor> f = t -> t.matmul(t);\n"
        + "    return x.add(other).add(cached).add(f.apply(x));\n  }\n"
        + "  Tensor helper(Tensor x) { return x.t(); }\n"));
    cases.add(Arguments.of("try, catch, var and a stream", ""
        + "  @Shape({\"batch\", \"units\"})\n"
        + "  public Tensor forward(@Shape({\"batch\", \"units\"}) Tensor x) {\n"
        + "    var y = x.relu();\n"
        + "    try {\n      y = y.exp();\n    } catch (RuntimeException e) {\n      y = x;\n    }\n"
        + "    long n = java.util.stream.IntStream.range(0, 3).count();\n"
        + "    return n > 2 ? y : x;\n  }\n"));
    cases.add(Arguments.of("flatten and unsqueeze", ""
        + "  public Tensor forward(@Shape({\"batch\", \"heads\", \"dim\"}) Tensor x) {\n"
        + "    return x.flatten(1).unsqueeze(0).squeeze(0);\n  }\n"));
    cases.add(Arguments.of("recursion and a generic helper", ""
        + "  public Tensor forward(@Shape({\"batch\", \"units\"}) Tensor x) {\n"
        + "    return units > 100 ? forward(x.relu()) : first(List.of(x, x));\n  }\n"
        + "  static <T> T first(List<T> items) { return items.get(0); }\n"));
    cases.add(Arguments.of("a convolution block", ""
        + "  @Param(shape = {\"units\", \"inUnits\", \"3\", \"3\"}) Tensor kernel;\n"
        + "  @Param(shape = {\"heads\", \"units\"}) Tensor head;\n"
        + "  @Shape({\"batch\", \"heads\"})\n"
        + "  public Tensor forward(@Shape({\"batch\", \"inUnits\", \"h\", \"w\"}) Tensor x) {\n"
        + "    Tensor y = x.conv2d(kernel, null).relu().maxPool2d(2);\n"
        + "    return y.adaptiveAvgPool2d(1, 1).flatten(1).matmul(head.t());\n  }\n"));
    cases.add(Arguments.of("a grouped convolution", ""
        + "  @Param(shape = {\"units\", \"inUnits/2\", \"3\", \"3\"}) Tensor kernel;\n"
        + "  public Tensor forward(@Shape({\"batch\", \"inUnits\", \"h\", \"w\"}) Tensor x) {\n"
        + "    return x.conv2d(kernel, null, new int[] {1}, new int[] {1}, new int[] {1}, 2);\n  }\n"));
    cases.add(Arguments.of("a LeNet block whose flattened size is right", ""
        + "  @Param(shape = {\"8\", \"1\", \"5\", \"5\"}) Tensor kernel;\n"
        + "  @Param(shape = {\"10\", \"8*14*14\"}) Tensor head;\n"
        + "  @Shape({\"batch\", \"10\"})\n"
        + "  public Tensor forward(@Shape({\"batch\", \"1\", \"28\", \"28\"}) Tensor x) {\n"
        + "    Tensor y = x.conv2d(kernel, null, new int[] {1}, new int[] {2}).maxPool2d(2);\n"
        + "    return y.flatten(1).matmul(head.t());\n  }\n"));
    cases.add(Arguments.of("a strided, dilated convolution and an average pooling", ""
        + "  @Param(shape = {\"units\", \"3\", \"3\", \"3\"}) Tensor kernel;\n"
        + "  @Shape({\"batch\", \"units\", \"3\", \"3\"})\n"
        + "  public Tensor forward(@Shape({\"batch\", \"3\", \"16\", \"16\"}) Tensor x) {\n"
        + "    Tensor y = x.conv2d(kernel, null, new int[] {2}, new int[] {1}, new int[] {2}, 1);\n"
        + "    return y.avgPool2d(new int[] {2}, new int[] {2}, new int[] {0});\n  }\n"));
    cases.add(Arguments.of("a squeezed dim of size 1", ""
        + "  @Param(shape = {\"units\", \"dim\"}) Tensor weight;\n"
        + "  @Shape({\"batch\", \"units\"})\n"
        + "  public Tensor forward(@Shape({\"batch\", \"1\", \"dim\"}) Tensor x) {\n"
        + "    return x.squeeze(1).matmul(weight.t());\n  }\n"));
    cases.add(Arguments.of("a mean kept as a dim", ""
        + "  public Tensor forward(@Shape({\"batch\", \"seq\", \"dim\"}) Tensor x) {\n"
        + "    return x.sub(x.mean(1, true)).div(x.sum(new int[] {1, 2}, true));\n  }\n"));
    cases.add(Arguments.of("a bias unsqueezed on the right side", ""
        + "  @Param(shape = {\"units\", \"inUnits\"}) Tensor weight;\n"
        + "  @Param(shape = {\"units\"}) Tensor bias;\n"
        + "  public Tensor forward(@Shape({\"batch\", \"inUnits\"}) Tensor x) {\n"
        + "    return x.matmul(weight.t()).add(bias.unsqueeze(0));\n  }\n"));
    cases.add(Arguments.of("a gate split from one product", ""
        + "  @Param(shape = {\"3*units\", \"inUnits\"}) Tensor weight;\n"
        + "  @Shape({\"batch\", \"3*units\"})\n"
        + "  public Tensor forward(@Shape({\"batch\", \"inUnits\"}) Tensor x) {\n"
        + "    Tensor gates = x.linear(weight, null);\n"
        + "    return gates.sigmoid();\n  }\n"));
    cases.add(Arguments.of("stacked states", ""
        + "  @Shape({\"2\", \"batch\", \"units\"})\n"
        + "  public Tensor forward(@Shape({\"batch\", \"units\"}) Tensor h,\n"
        + "      @Shape({\"batch\", \"units\"}) Tensor c) {\n"
        + "    return Tensor.stack(0, h, c);\n  }\n"));
    cases.add(Arguments.of("keys transposed on the last dims", ""
        + "  public Tensor forward(@Shape({\"batch\", \"seq\", \"dim\"}) Tensor q,\n"
        + "      @Shape({\"batch\", \"seq\", \"dim\"}) Tensor k,\n"
        + "      @Shape({\"batch\", \"seq\", \"units\"}) Tensor v) {\n"
        + "    return q.matmul(k.transpose(1, 2)).softmax(-1).matmul(v);\n  }\n"));
    cases.add(Arguments.of("a sequence projected", ""
        + "  @Param(shape = {\"units\", \"dim\"}) Tensor proj;\n"
        + "  @Shape({\"batch\", \"seq\", \"units\"})\n"
        + "  public Tensor forward(@Shape({\"batch\", \"seq\", \"dim\"}) Tensor x) {\n"
        + "    return x.linear(proj, null).tanh();\n  }\n"));
    cases.add(Arguments.of("a pooled map through a child", ""
        + "  final Linear head = Linear.create(3, 4);\n"
        + "  public Tensor forward(@Shape({\"batch\", \"inUnits\", \"h\", \"w\"}) Tensor x) {\n"
        + "    return head.forward(x.avgPool2d(2).flatten(1));\n  }\n"));
    cases.add(Arguments.of("a loop that keeps the shape", ""
        + "  @Param(shape = {\"units\", \"units\"}) Tensor square;\n"
        + "  public Tensor forward(@Shape({\"batch\", \"units\"}) Tensor x) {\n"
        + "    for (int i = 0; i < heads; i++) {\n      x = x.matmul(square).relu();\n    }\n"
        + "    return x;\n  }\n"));
    cases.add(Arguments.of("a while loop and a switch", ""
        + "  public Tensor forward(@Shape({\"batch\", \"units\"}) Tensor x) {\n"
        + "    int steps = 0;\n"
        + "    while (steps < 2) {\n      x = x.exp();\n      steps++;\n    }\n"
        + "    switch (units) {\n      case 1: x = x.t(); break;\n      default: break;\n    }\n"
        + "    return x;\n  }\n"));
    cases.add(Arguments.of("einsum of attention", ""
        + "  public Tensor forward(@Shape({\"batch\", \"seq\", \"dim\"}) Tensor q,\n"
        + "      @Shape({\"batch\", \"seq\", \"dim\"}) Tensor k) {\n"
        + "    return Tensor.einsum(\"bid,bjd->bij\", q, k).softmax(-1);\n  }\n"));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("correctLayers")
  void correctLayersCompileCleanly(String name, String members) {
    Compilation compilation = compile(layer(members));
    assertWithMessage(name + ": " + compilation.diagnostics()).that(compilation.diagnostics()
        .stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR
            || d.getKind() == Diagnostic.Kind.WARNING
            || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING).toList()).isEmpty();
  }
}
