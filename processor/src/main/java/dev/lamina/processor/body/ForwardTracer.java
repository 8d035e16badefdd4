package dev.lamina.processor.body;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import dev.lamina.processor.body.Value.ChildCollectionValue;
import dev.lamina.processor.body.Value.ChildValue;
import dev.lamina.processor.body.Value.IntValue;
import dev.lamina.processor.body.Value.StringValue;
import dev.lamina.processor.body.Value.TensorValue;
import dev.lamina.processor.validation.Diagnostic;
import dev.lamina.shapes.DeclaredShape;
import dev.lamina.shapes.rules.Outcome;
import dev.lamina.shapes.rules.ShapeRules;
import dev.lamina.shapes.rules.SymbolicSize;
import dev.lamina.shapes.rules.TracedShape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Interprets the body of a layer's {@code forward} over symbolic shapes: locals and reassignment,
 * chains of {@code Tensor} calls, {@code Tensor.cat}, {@code stack} and {@code einsum}, calls on
 * child layers through their declared shapes, both branches of an {@code if}, loops (their body
 * once, then what holds whether or not it ran). Each op's shape comes from its one rule in
 * {@link ShapeRules}; what a rule cannot prove, and anything the tracer does not follow (another
 * method, a lambda, a value from elsewhere), is unknown and reported as nothing.
 */
final class ForwardTracer {
  /** Ops that keep their receiver's shape. */
  private static final Set<String> SAME_SHAPE = Set.of("relu", "sigmoid", "tanh", "exp", "log",
      "neg", "abs", "sqrt", "sign", "contiguous", "detach", "copy", "gelu", "erf", "softplus",
      "leakyRelu", "clamp", "requiresGrad", "dropout");

  /** Element-wise ops of two tensors, which broadcast. */
  private static final Set<String> BROADCASTING = Set.of("add", "sub", "mul", "div", "minimum",
      "maximum", "pow");

  /** Reductions by dims. */
  private static final Set<String> REDUCTIONS = Set.of("sum", "mean", "max", "min", "argmax",
      "logsumexp", "var", "std");

  private final BodyContext context;
  private final List<BodyFinding> findings = new ArrayList<>();
  private final List<LocalShape> localShapes = new ArrayList<>();
  /** The locals declared as {@code Tensor}, whose shape is shown even when unknown. */
  private final Set<String> tensorLocals = new HashSet<>();
  private Map<String, Value> locals = new HashMap<>();
  /** What every return followed so far returns, or null before the first. */
  private Value returned;
  private boolean returnNotFollowed;

  ForwardTracer(BodyContext context) {
    this.context = context;
  }

  /**
   * What tracing a body found: the mistakes, the shape of each local tensor where it is set (in a
   * loop, as its first pass sets it), and the shape forward returns, unknown unless every return
   * was followed and all give the same.
   */
  record Trace(List<BodyFinding> findings, List<LocalShape> locals, TracedShape returned) {}

  /** Traces {@code body}. */
  Trace trace(BlockTree body) {
    for (Map.Entry<String, TracedShape> input : context.inputs().entrySet()) {
      locals.put(input.getKey(), new TensorValue(input.getValue()));
      tensorLocals.add(input.getKey());
    }
    block(body);
    TracedShape result = !returnNotFollowed && returned instanceof TensorValue tensor
        ? tensor.shape() : TracedShape.unknown();
    return new Trace(List.copyOf(findings), List.copyOf(localShapes), result);
  }

  // ------------------------------------------------------------ statements

  private void block(BlockTree block) {
    Set<String> before = new HashSet<>(locals.keySet());
    for (StatementTree statement : block.getStatements()) {
      statement(statement);
    }
    locals.keySet().retainAll(before);
  }

  private void statement(StatementTree statement) {
    if (statement instanceof VariableTree variable) {
      String name = variable.getName().toString();
      Value value =
          variable.getInitializer() == null ? Value.UNKNOWN : evaluate(variable.getInitializer());
      locals.put(name, value);
      if (isTensorType(variable.getType())) {
        tensorLocals.add(name);
      } else {
        tensorLocals.remove(name);
      }
      if (variable.getInitializer() != null) {
        recordShape(variable, name, value);
      }
    } else if (statement instanceof ExpressionStatementTree expression) {
      evaluate(expression.getExpression());
    } else if (statement instanceof BlockTree block) {
      block(block);
    } else if (statement instanceof ReturnTree result) {
      Value value = result.getExpression() == null ? Value.UNKNOWN
          : evaluate(result.getExpression());
      if (result.getExpression() != null) {
        checkReturn(result, value);
      }
      returned = returned == null ? value : Value.join(returned, value);
    } else if (statement instanceof IfTree branch) {
      evaluate(branch.getCondition());
      Map<String, Value> start = new HashMap<>(locals);
      statement(branch.getThenStatement());
      Map<String, Value> afterThen = locals;
      locals = new HashMap<>(start);
      if (branch.getElseStatement() != null) {
        statement(branch.getElseStatement());
      }
      locals = merge(afterThen, locals);
    } else if (statement instanceof EnhancedForLoopTree loop) {
      Map<String, Value> start = new HashMap<>(locals);
      Value iterated = evaluate(loop.getExpression());
      String variable = loop.getVariable().getName().toString();
      locals.put(variable, iterated instanceof ChildCollectionValue children
          ? new ChildValue(children.type(), children.name() + "[i]") : Value.UNKNOWN);
      if (isTensorType(loop.getVariable().getType())) {
        tensorLocals.add(variable);
        recordShape(loop.getVariable(), variable, Value.UNKNOWN);
      }
      statement(loop.getStatement());
      // The body may run any number of times: only what it leaves as it found holds after it.
      locals = merge(start, locals);
    } else if (statement instanceof TryTree attempt) {
      Map<String, Value> start = new HashMap<>(locals);
      block(attempt.getBlock());
      Map<String, Value> after = merge(start, locals);
      for (var handler : attempt.getCatches()) {
        // A catch may start anywhere in the try: what the try assigned is unknown there.
        locals = new HashMap<>(after);
        block(handler.getBlock());
        after = merge(after, locals);
      }
      locals = after;
      if (attempt.getFinallyBlock() != null) {
        block(attempt.getFinallyBlock());
      }
    } else {
      forgetAssigned(statement);
    }
  }

  /**
   * Locals assigned anywhere in {@code tree} become unknown: a statement not followed. A return in
   * it makes what forward returns unknown.
   */
  private void forgetAssigned(Tree tree) {
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitAssignment(AssignmentTree assignment, Void unused) {
        if (assignment.getVariable() instanceof IdentifierTree name) {
          locals.computeIfPresent(name.getName().toString(), (key, old) -> Value.UNKNOWN);
        }
        return super.visitAssignment(assignment, unused);
      }

      @Override
      public Void visitReturn(ReturnTree result, Void unused) {
        returnNotFollowed = true;
        return super.visitReturn(result, unused);
      }

      // A return in a lambda or a class declared here is not forward's.
      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree type, Void unused) {
        return null;
      }
    }.scan(tree, null);
  }

  /** Whether a declaration's type is written {@code Tensor}; null for {@code var}. */
  private static boolean isTensorType(Tree type) {
    return type != null
        && (type.toString().equals("Tensor") || type.toString().equals("dev.lamina.Tensor"));
  }

  /** Keeps the shape {@code name} holds at {@code tree}, for a local that is a tensor. */
  private void recordShape(Tree tree, String name, Value value) {
    if (value instanceof TensorValue tensor) {
      localShapes.add(new LocalShape(tree, name, tensor.shape()));
    } else if (tensorLocals.contains(name)) {
      localShapes.add(new LocalShape(tree, name, TracedShape.unknown()));
    }
  }

  private static Map<String, Value> merge(Map<String, Value> a, Map<String, Value> b) {
    Map<String, Value> out = new HashMap<>();
    for (Map.Entry<String, Value> entry : a.entrySet()) {
      if (b.containsKey(entry.getKey())) {
        out.put(entry.getKey(), Value.join(entry.getValue(), b.get(entry.getKey())));
      }
    }
    return out;
  }

  private void checkReturn(ReturnTree result, Value value) {
    DeclaredShape declared = context.output();
    if (declared == null || !(value instanceof TensorValue tensor) || !tensor.shape().isKnown()) {
      return;
    }
    TracedShape expected = TracedShape.of(declared);
    TracedShape actual = tensor.shape();
    String problem = null;
    if (expected.hasRank() && actual.hasRank() && expected.rank() != actual.rank()) {
      problem = "it has " + actual.rank() + " dimensions, not " + expected.rank();
    } else {
      int n = Math.min(expected.sizes().size(), actual.sizes().size());
      for (int i = 1; i <= n && problem == null; i++) {
        SymbolicSize want = expected.size(-i);
        SymbolicSize got = actual.size(-i);
        if (got.differsFrom(want)) {
          problem = got + " and " + want + " differ";
        }
      }
    }
    if (problem != null) {
      report(result.getExpression(), Diagnostic.SHAPE_RETURN_MISMATCH,
          text(result.getExpression()), actual, expected, problem);
    }
  }

  // ------------------------------------------------------------ expressions

  private Value evaluate(ExpressionTree expression) {
    if (expression instanceof ParenthesizedTree parenthesized) {
      return evaluate(parenthesized.getExpression());
    }
    if (expression instanceof TypeCastTree cast) {
      return evaluate(cast.getExpression());
    }
    if (expression instanceof IdentifierTree identifier) {
      return name(identifier.getName().toString());
    }
    if (expression instanceof MemberSelectTree select
        && select.getExpression() instanceof IdentifierTree owner
        && owner.getName().contentEquals("this")) {
      return field(select.getIdentifier().toString());
    }
    if (expression instanceof LiteralTree literal) {
      return literal(literal.getValue());
    }
    if (expression instanceof UnaryTree unary && unary.getKind() == Tree.Kind.UNARY_MINUS) {
      Value inner = evaluate(unary.getExpression());
      return inner instanceof IntValue value && value.size().literal() != null
          ? new IntValue(SymbolicSize.of(-value.size().literal())) : Value.UNKNOWN;
    }
    if (expression instanceof BinaryTree binary) {
      return arithmetic(binary);
    }
    if (expression instanceof ConditionalExpressionTree conditional) {
      evaluate(conditional.getCondition());
      return Value.join(evaluate(conditional.getTrueExpression()),
          evaluate(conditional.getFalseExpression()));
    }
    if (expression instanceof AssignmentTree assignment) {
      Value value = evaluate(assignment.getExpression());
      if (assignment.getVariable() instanceof IdentifierTree target
          && locals.containsKey(target.getName().toString())) {
        locals.put(target.getName().toString(), value);
        recordShape(assignment, target.getName().toString(), value);
      }
      return value;
    }
    if (expression instanceof MethodInvocationTree call) {
      return call(call);
    }
    return Value.UNKNOWN;
  }

  private Value name(String name) {
    if (locals.containsKey(name)) {
      return locals.get(name);
    }
    return field(name);
  }

  private Value field(String name) {
    return context.field(name).orElse(Value.UNKNOWN);
  }

  private static Value literal(Object value) {
    if (value instanceof Integer number) {
      return new IntValue(SymbolicSize.of(number));
    }
    if (value instanceof String text) {
      return new StringValue(text);
    }
    return Value.UNKNOWN;
  }

  private Value arithmetic(BinaryTree binary) {
    Value left = evaluate(binary.getLeftOperand());
    Value right = evaluate(binary.getRightOperand());
    if (!(left instanceof IntValue a) || !(right instanceof IntValue b)) {
      return Value.UNKNOWN;
    }
    Tree.Kind kind = binary.getKind();
    if (kind == Tree.Kind.PLUS) {
      return new IntValue(a.size().plus(b.size()));
    }
    if (kind == Tree.Kind.MINUS) {
      return new IntValue(a.size().plus(b.size().times(SymbolicSize.of(-1))));
    }
    if (kind == Tree.Kind.MULTIPLY) {
      return new IntValue(a.size().times(b.size()));
    }
    return new IntValue(SymbolicSize.unknown());
  }

  private Value call(MethodInvocationTree call) {
    List<Value> arguments = new ArrayList<>();
    for (ExpressionTree argument : call.getArguments()) {
      arguments.add(evaluate(argument));
    }
    if (!(call.getMethodSelect() instanceof MemberSelectTree select)) {
      return Value.UNKNOWN;
    }
    String method = select.getIdentifier().toString();
    ExpressionTree receiverTree = select.getExpression();
    if (receiverTree instanceof IdentifierTree type && type.getName().contentEquals("Tensor")
        && !locals.containsKey("Tensor")) {
      return staticCall(call, method, arguments);
    }
    Value receiver = evaluate(receiverTree);
    if (receiver instanceof TensorValue tensor) {
      return tensorCall(call, receiverTree, tensor.shape(), method, arguments);
    }
    if (receiver instanceof ChildValue child && method.equals("forward")) {
      return childCall(call, child, arguments);
    }
    if (receiver instanceof ChildCollectionValue children && method.equals("get")
        && arguments.size() == 1) {
      return new ChildValue(children.type(), children.name() + "[i]");
    }
    return Value.UNKNOWN;
  }

  private Value tensorCall(MethodInvocationTree call, ExpressionTree receiverTree,
      TracedShape shape, String method, List<Value> arguments) {
    String receiver = text(receiverTree);
    List<ExpressionTree> argumentTrees = new ArrayList<>(call.getArguments());
    if (SAME_SHAPE.contains(method)) {
      return new TensorValue(shape);
    }
    if (BROADCASTING.contains(method) && arguments.size() == 1) {
      if (arguments.get(0) instanceof TensorValue other) {
        return apply(call, method, receiver + " " + shape + " and " + text(argumentTrees.get(0))
            + " " + other.shape(), ShapeRules.broadcast(shape, other.shape()));
      }
      return new TensorValue(shape);
    }
    switch (method) {
      case "matmul" -> {
        if (arguments.size() == 1 && arguments.get(0) instanceof TensorValue other) {
          String otherText = text(argumentTrees.get(0));
          return apply(call, method, receiver + " " + shape + " and " + otherText + " "
              + other.shape(), ShapeRules.matmul(shape, other.shape(), otherText));
        }
      }
      case "linear" -> {
        if (arguments.size() == 2 && arguments.get(0) instanceof TensorValue weight) {
          TracedShape bias = arguments.get(1) instanceof TensorValue b ? b.shape() : null;
          String weightText = text(argumentTrees.get(0));
          return apply(call, method, receiver + " " + shape + " and " + weightText + " "
              + weight.shape(), ShapeRules.linear(shape, weight.shape(), bias, weightText));
        }
      }
      case "t" -> {
        return apply(call, method, receiver + " " + shape, ShapeRules.t(shape));
      }
      case "conv2d", "conv1d" -> {
        if (arguments.size() >= 2 && arguments.get(0) instanceof TensorValue weight) {
          return convolution(call, receiver, shape, method, weight, arguments);
        }
      }
      case "maxPool2d", "avgPool2d" -> {
        return pooling(call, receiver, shape, method, arguments);
      }
      case "adaptiveAvgPool2d" -> {
        if (arguments.size() == 2 && arguments.get(0) instanceof IntValue height
            && arguments.get(1) instanceof IntValue width) {
          return apply(call, method, receiver + " " + shape,
              ShapeRules.pool2d(method, shape, height.size(), width.size()));
        }
      }
      case "transpose" -> {
        int[] dims = ints(arguments);
        if (dims != null && dims.length == 2) {
          return apply(call, method, receiver + " " + shape,
              ShapeRules.transpose(shape, dims[0], dims[1]));
        }
      }
      case "permute" -> {
        int[] dims = ints(arguments);
        if (dims != null) {
          return apply(call, method, receiver + " " + shape, ShapeRules.permute(shape, dims));
        }
      }
      case "softmax", "logSoftmax" -> {
        int[] dims = ints(arguments);
        if (dims != null && dims.length == 1) {
          return apply(call, method, receiver + " " + shape,
              ShapeRules.alongDim(method, shape, dims[0]));
        }
      }
      case "unsqueeze" -> {
        int[] dims = ints(arguments);
        if (dims != null && dims.length == 1) {
          return apply(call, method, receiver + " " + shape, ShapeRules.unsqueeze(shape, dims[0]));
        }
      }
      case "squeeze" -> {
        int[] dims = ints(arguments);
        if (dims != null && dims.length <= 1) {
          return apply(call, method, receiver + " " + shape, dims.length == 0
              ? ShapeRules.squeeze(shape) : ShapeRules.squeeze(shape, dims[0]));
        }
      }
      case "flatten" -> {
        int[] dims = ints(arguments);
        if (dims != null && dims.length == 1) {
          return apply(call, method, receiver + " " + shape, ShapeRules.flatten(shape, dims[0]));
        }
      }
      case "reshape", "view" -> {
        return reshape(call, receiver, shape, method, arguments);
      }
      case "size" -> {
        int[] dims = ints(arguments);
        if (dims != null && dims.length == 1) {
          Outcome range = ShapeRules.size(shape, dims[0]);
          if (range.failed()) {
            return apply(call, method, receiver + " " + shape, range);
          }
          return new IntValue(shape.size(dims[0]));
        }
        return Value.UNKNOWN;
      }
      default -> {
        if (REDUCTIONS.contains(method)) {
          return reduction(call, receiver, shape, method, arguments);
        }
      }
    }
    return new TensorValue(TracedShape.unknown());
  }

  /**
   * {@code conv2d(weight, bias[, stride, padding[, dilation, groups]])}, the arrays as literals,
   * or {@code conv1d(weight, bias[, stride, padding, dilation, groups])} of ints; a window's sizes
   * are followed where every hyperparameter is a literal, the channels wherever groups is.
   */
  private Value convolution(MethodInvocationTree call, String receiver, TracedShape shape,
      String method, TensorValue weight, List<Value> arguments) {
    boolean twoD = method.equals("conv2d");
    int spatial = twoD ? 2 : 1;
    int groups = 1;
    if (arguments.size() == 6) {
      if (!(arguments.get(5) instanceof IntValue value) || value.size().literal() == null) {
        return new TensorValue(TracedShape.unknown());
      }
      groups = value.size().literal().intValue();
    }
    int[][] window = {{1}, {0}, {1}};
    boolean windowKnown = true;
    int given = arguments.size() == 4 ? 2 : arguments.size() == 6 ? 3 : 0;
    for (int i = 0; i < given; i++) {
      int[] values = twoD ? literalArray(call.getArguments().get(2 + i))
          : ints(List.of(arguments.get(2 + i)));
      if (values == null || values.length < 1 || values.length > spatial) {
        windowKnown = false;
        break;
      }
      window[i] = values;
    }
    TracedShape bias = arguments.get(1) instanceof TensorValue tensor ? tensor.shape() : null;
    return apply(call, method, receiver + " " + shape + " and " + text(call.getArguments().get(0))
        + " " + weight.shape(), ShapeRules.convolution(method, shape, weight.shape(), bias, groups,
            spatial, windowKnown ? perDim(window[0], spatial) : null,
            windowKnown ? perDim(window[1], spatial) : null,
            windowKnown ? perDim(window[2], spatial) : null));
  }

  /**
   * {@code maxPool2d(kernel...)} or {@code maxPool2d(kernel, stride, padding[, dilation])} (and
   * average pooling, without dilation), the arrays as literals: the window's sizes where all are
   * known, else the leading sizes only.
   */
  private Value pooling(MethodInvocationTree call, String receiver, TracedShape shape,
      String method, List<Value> arguments) {
    int[] kernel = null;
    int[] stride = null;
    int[] padding = {0};
    int[] dilation = {1};
    List<? extends ExpressionTree> trees = call.getArguments();
    if (arguments.stream().allMatch(IntValue.class::isInstance)) {
      kernel = ints(arguments);
      stride = kernel;
    } else if (trees.size() == 3 || (trees.size() == 4 && method.equals("maxPool2d"))) {
      kernel = literalArray(trees.get(0));
      stride = literalArray(trees.get(1));
      padding = literalArray(trees.get(2));
      dilation = trees.size() == 4 ? literalArray(trees.get(3)) : dilation;
    }
    if (kernel == null || stride == null || padding == null || dilation == null
        || !Stream.of(kernel, stride, padding, dilation)
            .allMatch(values -> values.length == 1 || values.length == 2)) {
      return apply(call, method, receiver + " " + shape,
          ShapeRules.pool2d(method, shape, null, null));
    }
    return apply(call, method, receiver + " " + shape, ShapeRules.pool2d(method, shape,
        perDim(kernel, 2), perDim(stride, 2), perDim(padding, 2), perDim(dilation, 2)));
  }

  /** One entry standing for every spatial dimension, as PyTorch's {@code kernel_size=3}. */
  private static int[] perDim(int[] values, int spatial) {
    if (values.length == spatial) {
      return values;
    }
    int[] out = new int[spatial];
    java.util.Arrays.fill(out, values[0]);
    return out;
  }

  private Value reduction(MethodInvocationTree call, String receiver, TracedShape shape,
      String method, List<Value> arguments) {
    if (arguments.isEmpty()) {
      return new TensorValue(TracedShape.of(List.of()));
    }
    if (arguments.size() == 2 && call.getArguments().get(1) instanceof LiteralTree keep
        && keep.getValue() instanceof Boolean keepDim) {
      int[] dims = arguments.get(0) instanceof IntValue single && single.size().literal() != null
          ? new int[] {single.size().literal().intValue()}
          : literalArray(call.getArguments().get(0));
      if (dims != null) {
        return apply(call, method, receiver + " " + shape,
            ShapeRules.reduce(method, shape, dims, keepDim));
      }
    }
    return new TensorValue(TracedShape.unknown());
  }

  private Value reshape(MethodInvocationTree call, String receiver, TracedShape shape,
      String method, List<Value> arguments) {
    List<SymbolicSize> sizes = new ArrayList<>();
    for (Value argument : arguments) {
      if (!(argument instanceof IntValue size)) {
        return new TensorValue(TracedShape.unknown());
      }
      Long literal = size.size().literal();
      if (literal != null && literal == -1) {
        sizes.add(null);
      } else {
        sizes.add(size.size());
      }
    }
    return apply(call, method, receiver + " " + shape, ShapeRules.reshape(shape, sizes));
  }

  private Value staticCall(MethodInvocationTree call, String method, List<Value> arguments) {
    if ((method.equals("cat") || method.equals("stack")) && !arguments.isEmpty()
        && arguments.get(0) instanceof IntValue dim && dim.size().literal() != null) {
      List<TracedShape> parts = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      for (int i = 1; i < arguments.size(); i++) {
        if (!(arguments.get(i) instanceof TensorValue part)) {
          return new TensorValue(TracedShape.unknown());
        }
        parts.add(part.shape());
        texts.add(text(call.getArguments().get(i)) + " " + part.shape());
      }
      int d = dim.size().literal().intValue();
      Outcome outcome = method.equals("cat") ? ShapeRules.cat(d, parts) : ShapeRules.stack(d, parts);
      return apply(call, method, String.join(", ", texts), outcome);
    }
    if (method.equals("einsum") && !arguments.isEmpty()
        && arguments.get(0) instanceof StringValue equation) {
      List<TracedShape> operands = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      for (int i = 1; i < arguments.size(); i++) {
        if (!(arguments.get(i) instanceof TensorValue operand)) {
          return new TensorValue(TracedShape.unknown());
        }
        operands.add(operand.shape());
        texts.add(text(call.getArguments().get(i)) + " " + operand.shape());
      }
      return apply(call, "einsum \"" + equation.text() + "\"", String.join(", ", texts),
          ShapeRules.einsum(equation.text(), operands));
    }
    return new TensorValue(TracedShape.unknown());
  }

  private Value childCall(MethodInvocationTree call, ChildValue child, List<Value> arguments) {
    Optional<ChildSignature> found = context.signature(child.type(), arguments.size());
    if (found.isEmpty()) {
      return new TensorValue(TracedShape.unknown());
    }
    ChildSignature signature = found.get();
    Map<String, SymbolicSize> bound = new LinkedHashMap<>();
    List<SymbolicSize> prefix = null;
    for (int i = 0; i < arguments.size(); i++) {
      DeclaredShape declared = signature.inputs().get(i);
      if (declared == null || !(arguments.get(i) instanceof TensorValue actual)
          || !actual.shape().isKnown()) {
        continue;
      }
      TracedShape expected = TracedShape.of(declared);
      TracedShape given = actual.shape();
      String argumentText = text(call.getArguments().get(i));
      if (!expected.hasOpenPrefix() && given.hasRank() && given.rank() != expected.rank()) {
        report(call, Diagnostic.SHAPE_MISMATCH, child.name() + ".forward",
            argumentText + " " + given, "it has " + given.rank() + " dimensions, and "
                + child.type().getSimpleName() + " takes " + expected.rank() + " " + expected, "");
        return new TensorValue(TracedShape.unknown());
      }
      int n = Math.min(expected.sizes().size(), given.sizes().size());
      for (int k = 1; k <= n; k++) {
        String name = declared.dimensions().get(declared.dimensions().size() - k).toString();
        SymbolicSize want = expected.size(-k);
        SymbolicSize got = given.size(-k);
        if (signature.ownSizes().contains(name) && want.literal() == null) {
          continue; // the child's own hyperparameter: its value is not known here
        }
        SymbolicSize earlier = bound.get(name);
        SymbolicSize against = earlier != null ? earlier : want.literal() != null ? want : null;
        if (against != null && got.differsFrom(against)) {
          report(call, Diagnostic.SHAPE_MISMATCH, child.name() + ".forward",
              argumentText + " " + given, child.type().getSimpleName() + " takes " + expected
                  + ", and " + got + " and " + against + " differ", "");
          return new TensorValue(TracedShape.unknown());
        }
        bound.putIfAbsent(name, got);
      }
      if (prefix == null && expected.hasOpenPrefix() && given.hasRank()) {
        prefix = given.sizes().subList(0, given.rank() - expected.sizes().size());
      }
    }
    DeclaredShape output = signature.output();
    if (output == null) {
      return new TensorValue(TracedShape.unknown());
    }
    List<SymbolicSize> sizes = new ArrayList<>();
    for (var dimension : output.dimensions()) {
      String name = dimension.toString();
      SymbolicSize size = bound.get(name);
      if (size == null) {
        SymbolicSize declared = SymbolicSize.of(dimension);
        size = declared.literal() != null ? declared : SymbolicSize.unknown();
      }
      sizes.add(size);
    }
    if (!output.hasLeadingEllipsis()) {
      return new TensorValue(TracedShape.of(sizes));
    }
    if (prefix == null) {
      return new TensorValue(TracedShape.trailing(sizes));
    }
    List<SymbolicSize> all = new ArrayList<>(prefix);
    all.addAll(sizes);
    return new TensorValue(TracedShape.of(all));
  }

  private Value apply(Tree at, String op, String operands, Outcome outcome) {
    if (outcome.failed()) {
      String hint = outcome.hint() == null ? "" : "; did you mean " + outcome.hint() + "?";
      report(at, Diagnostic.SHAPE_MISMATCH, op, operands, outcome.problem(), hint);
    }
    return new TensorValue(outcome.shape());
  }

  private static int[] ints(List<Value> arguments) {
    int[] out = new int[arguments.size()];
    for (int i = 0; i < out.length; i++) {
      if (!(arguments.get(i) instanceof IntValue value) || value.size().literal() == null) {
        return null;
      }
      out[i] = value.size().literal().intValue();
    }
    return out;
  }

  /** The ints of {@code new int[] {0, 1}}, or null. */
  private int[] literalArray(ExpressionTree tree) {
    if (!(tree instanceof NewArrayTree array) || array.getInitializers() == null) {
      return null;
    }
    List<Value> values = new ArrayList<>();
    for (ExpressionTree element : array.getInitializers()) {
      values.add(evaluate(element));
    }
    return ints(values);
  }

  private void report(Tree at, Diagnostic diagnostic, Object... arguments) {
    findings.add(new BodyFinding(at, diagnostic, List.of(arguments)));
  }

  private static String text(Tree tree) {
    String source = tree.toString();
    return source.startsWith("this.") ? source.substring(5) : source;
  }

  /** What the tracer knows of the layer: forward's inputs, its fields, its children's signatures. */
  interface BodyContext {
    /** Forward's tensor arguments with their declared shapes (unknown where none). */
    Map<String, TracedShape> inputs();

    /** Forward's declared result, or null. */
    DeclaredShape output();

    /** What the layer's field {@code name} holds, if the tracer knows it. */
    Optional<Value> field(String name);

    /** The declared shapes of a child's forward of {@code arity} tensors. */
    Optional<ChildSignature> signature(javax.lang.model.element.TypeElement type, int arity);
  }
}
