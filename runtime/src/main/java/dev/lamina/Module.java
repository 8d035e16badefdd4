package dev.lamina;

import dev.lamina.annotations.DType;
import dev.lamina.annotations.Init;
import dev.lamina.format.ConfigText;
import dev.lamina.init.Initializers;
import dev.lamina.io.LoadOptions;
import dev.lamina.io.LoadResult;
import dev.lamina.io.ModuleFiles;
import dev.lamina.kernels.Shapes;
import dev.lamina.shape.ShapeBindings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A layer or a model: a {@link #forward} computation, the parameters it trains, and the child
 * modules it is made of.
 *
 * <p>A parameter-free layer is just a subclass:
 *
 * <pre>{@code
 * class CenteredLayer extends Module {
 *   public Tensor forward(Tensor x) { return x.sub(x.mean()); }
 * }
 * }</pre>
 *
 * <p>A layer with parameters is an abstract {@code @Layer} class; the generated subclass overrides
 * the registration hooks ({@link #localParameters()}, {@link #localBuffers()},
 * {@link #localChildren()}, {@link #config()}, {@link #typeName()}). Names of nested parameters are dotted paths, {@code encoder.weight}, as in
 * PyTorch.
 */
public abstract class Module {
  /** Whether layers built on this thread get placeholders instead of initialized parameters. */
  private static final ThreadLocal<Boolean> DEFERRING_INIT = ThreadLocal.withInitial(() -> false);

  private boolean training = true;
  private volatile int[] observedOutputShape;
  /** The parameters made while init was deferred, which hold no values yet; null when none. */
  private IdentityHashMap<Tensor, Boolean> placeholders;
  /** The views of this module's lists and maps of children, by child name; null until the first. */
  private volatile Map<String, Module> collectionViews;

  /**
   * The computation: one input, one output. A layer whose forward takes several inputs implements
   * it by refusing the call; {@link #forwardAll} reaches it.
   */
  public abstract Tensor forward(Tensor x);

  /**
   * How many tensors {@link #forwardAll} takes: 1 unless the layer's {@code forward} declares
   * several ({@code forward(x, h)} of a recurrent cell). Generated layers override it.
   */
  public int inputCount() {
    return 1;
  }

  /**
   * The computation on a list of inputs, in the order of forward's arguments, for containers and
   * tools that do not know the layer's own signature; an optional input may be null. Generated
   * layers with several inputs override it to dispatch to their {@code forward}.
   *
   * @throws IllegalArgumentException when {@code inputs} does not hold {@link #inputCount()} tensors
   */
  public Tensor forwardAll(List<Tensor> inputs) {
    checkInputCount(inputs);
    return forward(inputs.get(0));
  }

  /** Throws unless {@code inputs} holds exactly {@link #inputCount()} entries. */
  protected final void checkInputCount(List<Tensor> inputs) {
    if (inputs.size() != inputCount()) {
      throw new IllegalArgumentException(displayName() + ".forward takes " + inputCount()
          + (inputCount() == 1 ? " input" : " inputs") + ", but was given " + inputs.size());
    }
  }

  // ------------------------------------------------------------ hooks for generated code

  /**
   * This module's own parameters, by field name, in declaration order. A declared parameter not yet
   * allocated (its shape is inferred on the first call) maps to null; one this configuration does
   * not have (a {@code Linear} without bias) is absent. Generated layers override it.
   */
  protected Map<String, Tensor> localParameters() {
    return Collections.emptyMap();
  }

  /** This module's direct children, by name, in order. Generated layers and containers override it. */
  protected Map<String, Module> localChildren() {
    return Collections.emptyMap();
  }

  /**
   * This module's own buffers, by name, in declaration order: state that is saved and loaded but
   * not trained, as BatchNorm's running statistics ({@code register_buffer} in PyTorch). One this
   * configuration does not have is absent. Generated layers override it.
   */
  protected Map<String, Tensor> localBuffers() {
    return Collections.emptyMap();
  }

  /**
   * The names among {@link #localBuffers()} that are not saved or loaded, as PyTorch's
   * {@code persistent=False}. Generated layers override it.
   */
  protected Set<String> nonPersistentBuffers() {
    return Collections.emptySet();
  }

  /**
   * Puts {@code value} in the buffer field {@code name}, as loading a saved model does for a buffer
   * made while init was {@linkplain #deferInit() deferred}. Returns false when this module has no
   * such buffer. Generated layers override it.
   */
  protected boolean setLocalBuffer(String name, Tensor value) {
    return false;
  }

  /**
   * Initializes the parameters where {@link dev.lamina.annotations.Init} cannot say how, as
   * PyTorch's {@code reset_parameters}: the generated constructor calls it once every declared
   * parameter and buffer is allocated, so a layer may overwrite them in place
   * ({@code weight.copyFrom(...)}, {@code bias.fill(0)}), or compute a non-persistent buffer. A
   * layer rebuilt by {@link #load} takes its values from the file, so there it is called only for
   * a layer with nothing in the file (no parameters, no persistent buffers). The default does
   * nothing.
   */
  protected void resetParameters() {}

  /** Whether layers built on this thread now get placeholders: generated constructors ask it. */
  protected static boolean isInitDeferred() {
    return DEFERRING_INIT.get();
  }

  /**
   * The hyperparameters that rebuild this module with its registered factory (ints, longs,
   * floats, doubles, booleans, strings, int arrays, enum constants), in declaration order.
   * Generated layers override it.
   */
  public Map<String, Object> config() {
    return Collections.emptyMap();
  }

  /**
   * The name this layer is registered under for rebuilding from a file: the {@code @Layer} class's
   * canonical name unless the annotation says otherwise.
   */
  public String typeName() {
    return getClass().getName();
  }

  /** The name shown by {@link #toString()} and {@link #summary()}: the user's class, not the generated one. */
  public String displayName() {
    return getClass().getSimpleName();
  }

  /**
   * Puts {@code value} in the parameter field {@code name}, as loading a saved model does for a
   * parameter whose shape would otherwise be inferred on the first call. Returns false when this
   * module has no such parameter. Generated layers override it.
   */
  protected boolean setLocalParameter(String name, Tensor value) {
    return false;
  }

  /**
   * The output shape declared by {@code @Shape} on {@code forward}, with hyperparameters replaced by
   * their values ({@code [batch, 8]}), or null when none is declared. Generated layers override it;
   * {@link #summary()} shows it until data has flowed.
   */
  protected List<String> declaredOutputShape() {
    return null;
  }

  /**
   * For a layer that declares no output shape, the one the compiler proved {@code forward}'s body
   * returns, with hyperparameters replaced by their values ({@code [batch, 8]}), or null when
   * nothing was proven. Generated layers override it; {@link #summary()} shows it, marked as
   * inferred.
   */
  protected List<String> inferredOutputShape() {
    return null;
  }

  /**
   * A new trainable parameter of {@code shape}, filled by {@code init} with fans computed from the
   * same shape in PyTorch's {@code [out, in, k...]} order, and seeded from this layer's
   * {@link #typeName()} and {@code name} so that its values do not depend on what was built before.
   */
  protected final Tensor newParameter(String name, Init init, int[] shape) {
    return newParameter(name, init, shape, shape);
  }

  /**
   * As {@link #newParameter(String, Init, int[])}, with fans computed from {@code fanShape}: a bias
   * passes its weight's shape, so that its bound is {@code 1/sqrt(fanIn)} of the weight, as in
   * {@code nn.Linear}.
   */
  protected final Tensor newParameter(String name, Init init, int[] shape, int[] fanShape) {
    for (int size : shape) {
      if (size <= 0) {
        throw new IllegalArgumentException(displayName() + ": parameter " + name
            + " would have shape " + Arrays.toString(shape) + "; every dimension must be positive");
      }
    }
    if (DEFERRING_INIT.get()) {
      Shapes.numel(shape); // refuses what no tensor could hold, as allocating would
      // One value seen through zero strides: the shape, without the memory.
      Tensor placeholder = Tensor.placeholder(shape);
      if (placeholders == null) {
        placeholders = new IdentityHashMap<>();
      }
      placeholders.put(placeholder, Boolean.TRUE);
      return placeholder;
    }
    Tensor parameter = Tensor.zeros(shape);
    Initializers.fill(parameter, init, Initializers.fanIn(fanShape), Initializers.fanOut(fanShape),
        Initializers.generatorFor(typeName(), name));
    return parameter.requiresGrad(true);
  }

  /**
   * A new buffer of {@code shape} (empty for a 0-d tensor) and type {@code dtype}, filled with
   * zeros or ones ({@code init} must be {@link Init#ZEROS} or {@link Init#ONES}); it never
   * requires a gradient. While init is {@linkplain #deferInit() deferred}, a persistent buffer is a
   * placeholder for the file's values, as a parameter is; a non-persistent one is allocated, since
   * no file holds it.
   */
  protected final Tensor newBuffer(String name, Init init, DType dtype, boolean persistent,
      int[] shape) {
    for (int size : shape) {
      if (size <= 0) {
        throw new IllegalArgumentException(displayName() + ": buffer " + name
            + " would have shape " + Arrays.toString(shape) + "; every dimension must be positive");
      }
    }
    if (init != Init.ZEROS && init != Init.ONES) {
      throw new IllegalArgumentException(
          displayName() + ": buffer " + name + " must start as ZEROS or ONES, not " + init);
    }
    Shapes.numel(shape); // refuses what no tensor could hold
    if (DEFERRING_INIT.get() && persistent) {
      Tensor placeholder = Tensor.zeros(dtype, new int[0]).expand(shape);
      if (placeholders == null) {
        placeholders = new IdentityHashMap<>();
      }
      placeholders.put(placeholder, Boolean.TRUE);
      return placeholder;
    }
    if (init == Init.ONES) {
      Tensor ones = Tensor.ones(shape);
      return dtype == DType.FLOAT32 ? ones : ones.to(dtype);
    }
    return Tensor.zeros(dtype, shape);
  }

  /**
   * Throws unless {@code children} (the list of children in field {@code field}) is there and
   * holds no null: the generated constructor checks each list and map of children once the layer's
   * constructor has built it.
   */
  protected final void checkChildList(String field, java.util.Collection<? extends Module> children) {
    if (children == null) {
      throw new IllegalStateException(displayName() + ": the children in field " + field
          + " are null after the constructor; build them there, as an empty list if there are none");
    }
    int i = 0;
    for (Module child : children) {
      if (child == null) {
        throw new IllegalStateException(displayName() + ": " + field + "." + i
            + " is null; a list of children holds modules only");
      }
      i++;
    }
  }

  /**
   * The {@link ModuleList} through which this module registers {@code list} as its child
   * {@code name}, or null for a null list: the same view object as long as the field holds the same
   * list, so that the child is one module to every traversal (as the fields of PyTorch's
   * {@code nn.ModuleList} are). Generated layers call it for each {@code List<M>} field.
   */
  protected final Module childList(String name, List<? extends Module> list) {
    if (list == null) {
      return null;
    }
    return collectionViews().compute(name, (key, old) ->
        old instanceof ModuleList<?> view && view.isViewOf(list) ? old : ModuleList.view(list));
  }

  /** As {@link #childList}, for a {@code Map<String, M>} field and its {@link ModuleDict}. */
  protected final Module childMap(String name, Map<String, ? extends Module> map) {
    if (map == null) {
      return null;
    }
    return collectionViews().compute(name, (key, old) ->
        old instanceof ModuleDict<?> view && view.isViewOf(map) ? old : ModuleDict.view(map));
  }

  private Map<String, Module> collectionViews() {
    Map<String, Module> views = collectionViews;
    if (views == null) {
      synchronized (this) {
        views = collectionViews;
        if (views == null) {
          views = new java.util.concurrent.ConcurrentHashMap<>();
          collectionViews = views;
        }
      }
    }
    return views;
  }

  /** Throws unless the map of children in {@code field} is there, with valid names and no null. */
  protected final void checkChildMap(String field, Map<String, ? extends Module> children) {
    if (children == null) {
      throw new IllegalStateException(displayName() + ": the children in field " + field
          + " are null after the constructor; build them there, as an empty map if there are none");
    }
    for (Map.Entry<String, ? extends Module> entry : children.entrySet()) {
      String problem = ModuleDict.problemWithName(entry.getKey());
      if (problem != null) {
        throw new IllegalStateException(displayName() + ": field " + field + " has a child named \""
            + entry.getKey() + "\", but " + problem);
      }
      if (entry.getValue() == null) {
        throw new IllegalStateException(displayName() + ": " + field + "." + entry.getKey()
            + " is null; a map of children holds modules only");
      }
    }
  }

  /**
   * Defers initialization on this thread until the returned scope is closed: layers built meanwhile
   * get parameters of the declared shapes that hold no values and take no memory, and every one must
   * receive its values through {@link #loadParameter} before the layer is used. Loading a saved model
   * builds it this way, so that a file can make Lamina allocate no more than the weights it holds,
   * and nothing is drawn at random only to be overwritten (as PyTorch's {@code meta} device).
   *
   * <pre>{@code
   * try (Module.DeferredInit scope = Module.deferInit()) {
   *   model = Linear.create(46000, 46000);   // no 8 GB allocated
   * }
   * model.loadParameter("weight", weights);  // the file's values become the parameter
   * }</pre>
   */
  public static DeferredInit deferInit() {
    return new DeferredInit(DEFERRING_INIT.get());
  }

  /** The scope of {@link #deferInit()}; closing it restores what the thread did before. */
  public static final class DeferredInit implements AutoCloseable {
    private final boolean before;

    private DeferredInit(boolean before) {
      this.before = before;
      DEFERRING_INIT.set(true);
    }

    @Override
    public void close() {
      DEFERRING_INIT.set(before);
    }
  }

  /**
   * What this layer's {@code forward} throws when {@code thrown} escaped its body or its checks: a
   * {@link LayerForwardException} that names this layer, or, for one that came out of a child, the
   * same exception with the child's name put in front of its path. Generated {@code forward}s call it
   * in a {@code catch} around everything they run; so can a hand-written container.
   */
  protected final LayerForwardException forwardFailed(RuntimeException thrown) {
    return LayerForwardException.report(this, thrown);
  }

  /** Records the shape of an output of {@link #forward}, shown by {@link #summary()}. */
  protected final void observeOutputShape(Tensor output) {
    int[] seen = observedOutputShape;
    if (seen == null || !output.hasShape(seen)) {
      observedOutputShape = output.shape();
    }
  }

  /**
   * Checks {@code input} against the {@code @Shape} of forward's argument, allocates parameters
   * whose shape the first input decides, and returns the sizes its names are bound to, for
   * {@link #checkOutput}; returns null when nothing is declared. The generated class overrides it
   * from the declarations, and its {@code forward} calls it: so does any hand-written path that
   * skips {@code forward}, such as a {@link #forwardFused}, so that no path goes unchecked.
   */
  protected ShapeBindings checkInput(Tensor input) {
    return null;
  }

  /**
   * Checks {@code output} against the {@code @Shape} declared on forward, with the sizes
   * {@link #checkInput} bound. The generated class overrides it from the declarations.
   */
  protected void checkOutput(ShapeBindings shapes, Tensor output) {}

  /**
   * This layer followed by {@code next}, computed as one fused op where this layer knows how (a
   * {@code Linear} followed by a {@code ReLU}), or {@code null} where it does not. Containers such as
   * {@link Sequential} try it for each pair of neighbours; the result must equal
   * {@code next.forward(forward(x))}, input checks included.
   */
  protected Tensor forwardFused(Module next, Tensor x) {
    return null;
  }

  /** The shape of the last output recorded by {@link #observeOutputShape}, or null. */
  final int[] observedOutputShape() {
    int[] shape = observedOutputShape;
    return shape == null ? null : shape.clone();
  }

  // ------------------------------------------------------------ traversal

  /** The direct children, by name, in order. */
  public final Map<String, Module> children() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(localChildren()));
  }

  /**
   * This module's own parameters, not its children's, by name, in declaration order. A declared
   * parameter not yet allocated (its shape is inferred on the first call, as in {@code LazyLinear})
   * maps to null.
   */
  public final Map<String, Tensor> ownParameters() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(localParameters()));
  }

  /**
   * This module's own entries of {@link #stateDict()}: its parameters, then its persistent buffers,
   * by name. A parameter not yet allocated maps to null.
   */
  public final Map<String, Tensor> ownStateDict() {
    Map<String, Tensor> out = new LinkedHashMap<>(localParameters());
    out.putAll(ownPersistentBuffers());
    return Collections.unmodifiableMap(out);
  }

  /** This module's own buffers, persistent or not, by name, in declaration order. */
  public final Map<String, Tensor> ownBuffers() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(localBuffers()));
  }

  /** This module's own buffers that are saved and loaded, by name, in declaration order. */
  public final Map<String, Tensor> ownPersistentBuffers() {
    Map<String, Tensor> out = new LinkedHashMap<>(localBuffers());
    out.keySet().removeAll(nonPersistentBuffers());
    return Collections.unmodifiableMap(out);
  }

  /**
   * Gives this module's own buffer {@code name} the values of {@code values}, as loading a state
   * dict does: an allocated buffer is overwritten in place (shape and type must match); a
   * placeholder made while init was {@linkplain #deferInit() deferred} becomes {@code values}
   * itself, which the caller hands over.
   *
   * @throws IllegalArgumentException if this module has no buffer {@code name}, or the shapes or
   *     types differ
   */
  public final void loadBuffer(String name, Tensor values) {
    Map<String, Tensor> own = localBuffers();
    Tensor current = own.get(name);
    if (current == null) {
      throw new IllegalArgumentException(
          displayName() + " has no buffer \"" + name + "\"; its buffers are " + own.keySet());
    }
    if (!Arrays.equals(current.shape(), values.shape()) || current.dtype() != values.dtype()) {
      throw new IllegalArgumentException(displayName() + ": buffer " + name + " is "
          + describe(current) + ", the values " + describe(values));
    }
    if (placeholders == null || !placeholders.containsKey(current)) {
      current.copyFrom(values);
      return;
    }
    if (!setLocalBuffer(name, values)) {
      throw new IllegalStateException(displayName() + " lists buffer " + name
          + " but cannot set it (setLocalBuffer returned false)");
    }
    placeholders.remove(current);
  }

  private static String describe(Tensor tensor) {
    return Shapes.describe(tensor.dtype(), tensor.shape());
  }

  /**
   * Gives this module's own parameter {@code name} the values of {@code values}, as loading a state
   * dict does: an allocated parameter is overwritten in place (shapes must match, the tensor stays
   * the same object); one not yet allocated (inferred on the first call) or made while init was
   * {@linkplain #deferInit() deferred} becomes {@code values} itself, which the caller hands over
   * and must not change afterwards. The shape of a deferred parameter must match too; an inferred
   * one takes the shape of {@code values}, as PyTorch materializes a lazy module from a state dict.
   *
   * @throws IllegalArgumentException if this module has no parameter {@code name}, or the shapes differ
   */
  public final void loadParameter(String name, Tensor values) {
    Map<String, Tensor> own = localParameters();
    if (!own.containsKey(name)) {
      throw new IllegalArgumentException(
          displayName() + " has no parameter \"" + name + "\"; its parameters are " + own.keySet());
    }
    Tensor current = own.get(name);
    boolean placeholder = current != null && placeholders != null && placeholders.containsKey(current);
    if (current != null && !Arrays.equals(current.shape(), values.shape())) {
      throw new IllegalArgumentException(displayName() + ": parameter " + name + " has shape "
          + Arrays.toString(current.shape()) + ", the values " + Arrays.toString(values.shape()));
    }
    if (current != null && !placeholder) {
      current.copyFrom(values);
      return;
    }
    if (!setLocalParameter(name, values.requiresGrad(true))) {
      throw new IllegalStateException(displayName() + " lists parameter " + name
          + " but cannot set it (setLocalParameter returned false)");
    }
    if (placeholder) {
      placeholders.remove(current);
    }
  }

  /**
   * Every parameter of this module and its descendants under its dotted name, in registration
   * order; a tensor reachable twice (a module used twice) appears once, under its first name.
   */
  public final Map<String, Tensor> namedParameters() {
    return named(Module::localParameters);
  }

  /** The tensors of {@link #namedParameters()}. */
  public final List<Tensor> parameters() {
    return new ArrayList<>(namedParameters().values());
  }

  /**
   * This module (under the empty name) and every descendant under its dotted path, parents before
   * children; a module reachable twice appears once, under its first path.
   */
  public final Map<String, Module> namedModules() {
    Map<String, Module> out = new LinkedHashMap<>();
    IdentityHashMap<Module, Boolean> seen = new IdentityHashMap<>();
    // Iterative depth-first walk in registration order.
    List<Map.Entry<String, Module>> stack = new ArrayList<>();
    stack.add(Map.entry("", this));
    while (!stack.isEmpty()) {
      Map.Entry<String, Module> entry = stack.remove(stack.size() - 1);
      Module module = entry.getValue();
      if (seen.put(module, Boolean.TRUE) != null) {
        continue;
      }
      out.put(entry.getKey(), module);
      List<Map.Entry<String, Module>> kids = new ArrayList<>(module.localChildren().entrySet());
      for (int i = kids.size() - 1; i >= 0; i--) {
        Map.Entry<String, Module> kid = kids.get(i);
        if (kid.getValue() != null) {
          String path = entry.getKey().isEmpty() ? kid.getKey() : entry.getKey() + "." + kid.getKey();
          stack.add(Map.entry(path, kid.getValue()));
        }
      }
    }
    return out;
  }

  /** Calls {@code action} on every module, children first and this one last, as PyTorch's {@code apply}. */
  public final Module apply(Consumer<Module> action) {
    List<Module> modules = new ArrayList<>(namedModules().values());
    for (int i = modules.size() - 1; i >= 0; i--) {
      action.accept(modules.get(i));
    }
    return this;
  }

  /** Clears the gradient of every parameter. */
  public final void zeroGrad() {
    for (Tensor p : parameters()) {
      p.setGrad(null);
    }
  }

  // ------------------------------------------------------------ mode

  /** Training mode for this module and its descendants (dropout active). */
  public final Module train() {
    return train(true);
  }

  /** Sets training mode on this module and its descendants. */
  public final Module train(boolean on) {
    for (Module m : namedModules().values()) {
      m.training = on;
    }
    return this;
  }

  /** Evaluation mode for this module and its descendants (dropout off). */
  public final Module eval() {
    return train(false);
  }

  /** Whether this module is in training mode. */
  public final boolean isTraining() {
    return training;
  }

  // ------------------------------------------------------------ state and files

  /**
   * Every parameter and every persistent buffer under its dotted name, as PyTorch's
   * {@code state_dict()}: for each module, parents first, its parameters then its buffers. The
   * tensors themselves, not copies; one reachable twice appears once, under its first name.
   */
  public final Map<String, Tensor> stateDict() {
    return named(Module::ownStateDict);
  }

  /**
   * Every buffer of this module and its descendants, persistent or not, under its dotted name, as
   * PyTorch's {@code named_buffers()}.
   */
  public final Map<String, Tensor> namedBuffers() {
    return named(Module::localBuffers);
  }

  /** The tensors of {@link #namedBuffers()}. */
  public final List<Tensor> buffers() {
    return new ArrayList<>(namedBuffers().values());
  }

  /**
   * The tensors {@code own} gives of each module, parents first, under dotted names; a tensor
   * reachable twice appears once, under its first name, and nulls are left out.
   */
  private Map<String, Tensor> named(java.util.function.Function<Module, Map<String, Tensor>> own) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    IdentityHashMap<Tensor, Boolean> seen = new IdentityHashMap<>();
    for (Map.Entry<String, Module> entry : namedModules().entrySet()) {
      String prefix = entry.getKey().isEmpty() ? "" : entry.getKey() + ".";
      for (Map.Entry<String, Tensor> t : own.apply(entry.getValue()).entrySet()) {
        if (t.getValue() != null && seen.put(t.getValue(), Boolean.TRUE) == null) {
          out.put(prefix + t.getKey(), t.getValue());
        }
      }
    }
    return out;
  }

  /**
   * Writes the weights as safetensors under PyTorch's names and layouts, with the architecture in
   * the file's metadata, atomically: an interrupted save leaves the previous file as it was.
   */
  public final void save(Path path) throws IOException {
    ModuleFiles.save(this, path);
  }

  /**
   * Loads weights from a safetensors file (Lamina's or PyTorch's), strictly: every key must match
   * by name and shape, or nothing changes and the error lists every mismatch.
   */
  public final LoadResult loadWeights(Path path) throws IOException {
    return ModuleFiles.loadWeights(this, path);
  }

  /** Loads weights from a file with {@code options}: non-strict, renamed or re-prefixed keys. */
  public final LoadResult loadWeights(Path path, LoadOptions options) throws IOException {
    return ModuleFiles.loadWeights(this, path, options);
  }

  /** Loads weights from an in-memory state dict, strictly, as {@code load_state_dict}. */
  public final LoadResult loadStateDict(Map<String, Tensor> stateDict) {
    return ModuleFiles.loadWeights(this, stateDict);
  }

  /** Loads weights from an in-memory state dict with {@code options}. */
  public final LoadResult loadStateDict(Map<String, Tensor> stateDict, LoadOptions options) {
    return ModuleFiles.loadWeights(this, stateDict, options);
  }

  /**
   * Rebuilds a model saved by {@link #save}: its architecture from the file's metadata, each layer
   * by its registered factory (never by a class named in the file), then its weights.
   */
  public static Module load(Path path) throws IOException {
    return ModuleFiles.load(path);
  }

  // ------------------------------------------------------------ printing

  /**
   * A table of this module's layers, as Keras's {@code model.summary()}: path, type, output shape
   * (the last one seen, else the declared one with names left symbolic, else {@code ?}; beside it,
   * for a layer that declares none, the one the compiler inferred from {@code forward}'s body, as
   * {@code [4, 8] (inferred [batch, 8])}), number of parameters, and totals. Parameters whose shape is inferred count as {@code ?} until the first
   * call.
   */
  public final String summary() {
    return new ModuleSummary(this).render();
  }

  /**
   * {@link #summary()} with every output shape concrete, for an input of shape {@code inputShape}
   * (batch included), as torchinfo's {@code summary(model, input_size=...)}: {@code forward} runs
   * once on zeros of that shape, in eval mode and without gradients, so that no data is needed and
   * nothing trained changes (batch-norm statistics and the random generator included); each
   * module's mode is restored afterwards. A layer whose parameter sizes the first input decides
   * (a {@code LazyLinear}) allocates them, as PyTorch's dry run of lazy modules does.
   *
   * <pre>{@code
   * System.out.println(MnistModel.CNN.build().summary(1, 28, 28));
   * }</pre>
   *
   * @throws LayerForwardException naming the layer, when the shape does not fit the model
   */
  @SuppressWarnings("try") // the no-grad scope is used for its effect, not referenced
  public final String summary(int... inputShape) {
    Map<Module, Boolean> modes = new IdentityHashMap<>();
    for (Module module : namedModules().values()) {
      modes.put(module, module.isTraining());
    }
    try (NoGrad off = NoGrad.enter()) {
      eval();
      forward(Tensor.zeros(inputShape));
    } finally {
      for (Map.Entry<Module, Boolean> mode : modes.entrySet()) {
        mode.getKey().training = mode.getValue();
      }
    }
    return summary();
  }

  /**
   * The text between the parentheses of this module's line in {@link #toString()}: its config, as
   * {@code inUnits=5, units=3}, each value spelt as PyTorch prints it ({@code eps=1e-05},
   * {@code affine=True}, {@code kernelSize=(3, 3)}, {@code paddingMode='zeros'}; see
   * {@link ConfigText}).
   */
  public String extraRepr() {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Object> e : config().entrySet()) {
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(e.getKey()).append('=').append(ConfigText.of(e.getValue()));
    }
    return out.toString();
  }

  /** PyTorch's layout: {@code Sequential(\n  (0): MyLinear(inUnits=64, units=8)\n ...)}. */
  @Override
  public String toString() {
    Map<String, Module> kids = localChildren();
    String extra = extraRepr();
    if (kids.isEmpty()) {
      return displayName() + "(" + extra + ")";
    }
    StringBuilder out = new StringBuilder(displayName()).append("(\n");
    if (!extra.isEmpty()) {
      out.append("  ").append(extra).append('\n');
    }
    for (Map.Entry<String, Module> kid : kids.entrySet()) {
      String text = String.valueOf(kid.getValue()).replace("\n", "\n  ");
      out.append("  (").append(kid.getKey()).append("): ").append(text).append('\n');
    }
    return out.append(')').toString();
  }
}
