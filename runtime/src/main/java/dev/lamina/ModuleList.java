package dev.lamina;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A list of child modules named {@code 0}, {@code 1}, ... as PyTorch's {@code nn.ModuleList}: the
 * modules of a {@code List<Block>} field of a {@code @Layer}, so that its parameters are
 * {@code blocks.0.fc.weight}, {@code blocks.1.fc.weight}, ... and it prints and saves as PyTorch's
 * does. It has no {@code forward} of its own: the layer that holds it decides how its modules are
 * applied.
 *
 * <pre>{@code
 * @Layer
 * public abstract class Stack extends Module {
 *   final int depth;
 *   final List<Block> blocks = new ArrayList<>();
 *
 *   Stack(int depth, int width) {
 *     this.depth = depth;
 *     for (int i = 0; i < depth; i++) {
 *       blocks.add(Block.create(width));
 *     }
 *   }
 *
 *   public Tensor forward(Tensor x) {
 *     for (Block block : blocks) {
 *       x = block.forward(x);
 *     }
 *     return x;
 *   }
 * }
 * }</pre>
 *
 * @param <M> the type of the modules
 */
public final class ModuleList<M extends Module> extends Module implements Iterable<M> {
  /** The name a ModuleList is saved and registered under. */
  public static final String TYPE_NAME = "dev.lamina.ModuleList";

  private final List<? extends M> modules;

  private ModuleList(List<? extends M> modules) {
    this.modules = modules;
  }

  /** A list of {@code modules}, copied: later changes to the argument are not seen. */
  public static <M extends Module> ModuleList<M> of(List<? extends M> modules) {
    List<M> copy = new ArrayList<>(modules.size());
    for (int i = 0; i < modules.size(); i++) {
      M module = modules.get(i);
      if (module == null) {
        throw new IllegalArgumentException("ModuleList: module " + i + " is null");
      }
      copy.add(module);
    }
    return new ModuleList<>(copy);
  }

  /**
   * The modules of {@code modules} as a module, read through: the children a generated layer
   * registers for its list field, so that what the field holds is what is saved and listed.
   */
  public static <M extends Module> ModuleList<M> view(List<? extends M> modules) {
    if (modules == null) {
      throw new IllegalArgumentException("ModuleList.view: the list is null");
    }
    return new ModuleList<>(modules);
  }

  /** Whether this is a view of {@code list} itself. */
  @SuppressWarnings("ReferenceEquality") // the same list object, not an equal one
  boolean isViewOf(List<?> list) {
    return modules == list;
  }

  /** The module at {@code index}, as {@code blocks[index]}. */
  public M get(int index) {
    return modules.get(index);
  }

  /** The number of modules. */
  public int size() {
    return modules.size();
  }

  /** The modules in order, unmodifiable. */
  public List<M> modules() {
    return Collections.unmodifiableList(modules);
  }

  @Override
  public Iterator<M> iterator() {
    return modules().iterator();
  }

  /** Refused, as in PyTorch: a list of modules has no computation of its own. */
  @Override
  public Tensor forward(Tensor x) {
    throw new UnsupportedOperationException(
        "ModuleList has no forward; the layer that holds it applies its modules");
  }

  @Override
  protected Map<String, Module> localChildren() {
    Map<String, Module> out = new LinkedHashMap<>();
    for (int i = 0; i < modules.size(); i++) {
      out.put(Integer.toString(i), modules.get(i));
    }
    return out;
  }

  @Override
  public String typeName() {
    return TYPE_NAME;
  }
}
