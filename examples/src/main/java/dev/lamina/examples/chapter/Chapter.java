package dev.lamina.examples.chapter;

import dev.lamina.Generator;
import dev.lamina.Module;
import dev.lamina.NoGrad;
import dev.lamina.Sequential;
import dev.lamina.Tensor;
import dev.lamina.nn.LazyLinear;
import dev.lamina.optim.SGD;
import dev.lamina.shape.ShapeMismatchException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The "Custom Layers" chapter, cell by cell, with what each cell prints; then what the chapter
 * leaves out: gradients reaching the custom layer, a training step, and a save and reload.
 */
public final class Chapter {
  private final PrintStream out;

  /** A walk-through that prints to {@code out}. */
  public Chapter(PrintStream out) {
    this.out = out;
  }

  /** Runs every cell in order, from a fixed seed. */
  public void run() {
    Generator.manualSeed(42);
    centeredLayer();
    centeredAfterLazyLinear();
    Sequential net = myLinear();
    gradientsAndTraining(net);
    saveAndReload(net);
  }

  private void centeredLayer() {
    heading("A layer without parameters");
    prose("CenteredLayer subtracts the mean of its input. It has no parameters, so nothing is"
        + " generated: it is an ordinary subclass of Module with a forward method.");
    Module layer = new CenteredLayer();
    cell("layer.forward(Tensor.of(1, 2, 3, 4, 5))", layer.forward(Tensor.of(1, 2, 3, 4, 5)));
  }

  private void centeredAfterLazyLinear() {
    prose("It composes like any built-in layer. LazyLinear(128) learns its input size from the"
        + " first batch; the mean of the output is zero up to float rounding.");
    Sequential net = new Sequential(LazyLinear.create(128), new CenteredLayer());
    Tensor y = net.forward(Tensor.rand(4, 8));
    cell("net.forward(Tensor.rand(4, 8)).mean()", y.mean());
    cell("net", net);
  }

  private Sequential myLinear() {
    heading("A layer with parameters");
    prose("MyLinear declares its weight and bias with @Param and their shapes by name. The"
        + " processor writes Lamina_MyLinear, which allocates both from the constructor's"
        + " arguments, registers them, and checks every input against @Shape.");
    MyLinear linear = MyLinear.create(5, 3);
    cell("linear.weight()", linear.weight());
    cell("linear.forward(Tensor.rand(2, 5))", linear.forward(Tensor.rand(2, 5)));
    prose("A wrong input fails with the layer, the argument, the declared shape and what came in:");
    try {
      linear.forward(Tensor.rand(2, 4));
      out.println("(no error)");
    } catch (ShapeMismatchException e) {
      out.println(e.getMessage());
    }
    out.println();
    prose("Custom layers nest like built-in ones; parameters take PyTorch's dotted names.");
    Sequential net = new Sequential(MyLinear.create(64, 8), MyLinear.create(8, 1));
    cell("net.forward(Tensor.rand(2, 64))", net.forward(Tensor.rand(2, 64)));
    cell("net.namedParameters().keySet()", net.namedParameters().keySet());
    return net;
  }

  private void gradientsAndTraining(Sequential net) {
    heading("Beyond the chapter: gradients and a training step");
    prose("The parameters take part in autograd, so a loss computed through the custom layers"
        + " sends gradients to them.");
    Tensor x = Tensor.rand(16, 64);
    Tensor target = Tensor.rand(16, 1);
    Tensor loss = net.forward(x).sub(target).pow(2).mean();
    loss.backward();
    MyLinear first = (MyLinear) net.get(0);
    cell("loss", loss);
    cell("net.get(0).weight().grad().shape()", java.util.Arrays.toString(first.weight().grad().shape()));
    Tensor before = first.weight().copy();
    new SGD(net.parameters(), 0.01f).step();
    float change = first.weight().sub(before).abs().max().item();
    cell("largest change of net.get(0).weight() after one SGD step", change);
    net.zeroGrad();
  }

  private void saveAndReload(Sequential net) {
    heading("Beyond the chapter: saving and reloading");
    prose("save writes safetensors that PyTorch reads, with the architecture in the file's"
        + " metadata; Module.load rebuilds the model from it with no code of ours.");
    try {
      Path file = Files.createTempFile("lamina-chapter-", ".safetensors");
      net.save(file);
      Module reloaded = Module.load(file);
      Tensor x = Tensor.rand(2, 64);
      try (NoGrad ignored = NoGrad.enter()) {
        Tensor a = net.forward(x);
        Tensor b = reloaded.forward(x);
        cell("reloaded", reloaded);
        cell("same outputs after reloading", java.util.Arrays.equals(a.toFloatArray(), b.toFloatArray()));
      }
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void heading(String title) {
    out.println("## " + title);
    out.println();
  }

  private void prose(String text) {
    out.println(text);
    out.println();
  }

  private void cell(String code, Object value) {
    out.println(">>> " + code);
    out.println(value);
    out.println();
  }
}
