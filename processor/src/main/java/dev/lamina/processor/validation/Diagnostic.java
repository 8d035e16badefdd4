package dev.lamina.processor.validation;

import com.google.common.base.CaseFormat;
import javax.tools.Diagnostic.Kind;

/**
 * Every compile-time error, warning and note the processor reports: a stable tag (the constant's
 * name in UpperCamel, shown in brackets) and one sentence that starts with the annotation, says
 * what must or must not be, and shows what was found. A warning points at what is legal but most
 * likely a slip, and does not stop generation; a note tells what the processor did or inferred,
 * with nothing wrong.
 */
public enum Diagnostic {
  LAYER_NOT_CLASS("@Layer must be on a class, but %s is %s"),
  LAYER_PRIVATE("@Layer class must not be private, because the generated %s extends it"),
  LAYER_FINAL("@Layer class must not be final, because the generated %s extends it"),
  LAYER_INNER("@Layer class must be static when nested, but %s is an inner class"),
  LAYER_GENERIC("@Layer class must not have type parameters, but %s has %s"),
  LAYER_NOT_MODULE("@Layer class must extend dev.lamina.Module, but %s extends %s"),
  LAYER_NOT_ABSTRACT(
      "@Layer class with %s must be abstract, so that only the generated %s is built, but %s is"
          + " not"),
  LAYER_LOCAL("@Layer class must not be local, because no generated class can extend it, but %s"
      + " is declared inside %s"),
  LAYER_NAME_CLASH("@Layer class %s must not map to the generated class of another layer, but %s"
      + " maps to %s too"),
  LAYER_NO_CONSTRUCTOR(
      "@Layer class must have a non-private constructor for the generated %s to call, but %s has"
          + " none"),
  FORWARD_MISSING("@Layer class must implement forward(Tensor), but %s does not"),
  FORWARD_NOT_TENSOR("@Layer forward must return Tensor, or a record of Tensors for several"
      + " results, but %s returns %s"),
  FORWARD_RECORD_COMPONENT_NOT_TENSOR("@Layer forward's record %s must hold only Tensors, so that"
      + " each result can be checked, but its component %s is %s; keep other values in fields of"
      + " the layer"),
  FORWARD_RECORD_ONE_INPUT("@Layer forward returning record %s must take more than one Tensor,"
      + " because forward(Tensor) of every Module returns a Tensor, but %s takes one"),
  FORWARD_RECORD_PRIVATE("@Layer forward's record %s must not be private, because the generated"
      + " %s returns it"),
  SHAPE_ON_RECORD_RESULT("@Shape on forward must not be used when forward returns record %s; put"
      + " a @Shape on each of its components instead"),
  FORWARD_FINAL("@Layer forward must not be final, because the generated %s overrides it to check"
      + " shapes"),
  FORWARD_NO_INPUT("@Layer forward must take at least one Tensor, but %s takes none"),
  FORWARD_ARGUMENT_NOT_TENSOR("@Layer forward arguments must all be Tensors, but %s is %s"),
  PARAM_OUTSIDE_LAYER("@Param field must be in a @Layer class, but %s is not one"),
  PARAM_INHERITED("@%s field must be declared in the @Layer class itself, so that the generated"
      + " %s registers it, but %s inherits %s from %s"),
  PARAM_NOT_TENSOR("@Param field must be a Tensor, but %s is %s"),
  PARAM_PRIVATE("@Param field must not be private, because the generated %s assigns it"),
  PARAM_STATIC("@Param field must not be static, because each layer has its own %s"),
  PARAM_FINAL("@Param field must not be final, because the generated %s assigns it after the"
      + " constructor"),
  PARAM_SHAPE_EMPTY("@Param shape must not be empty, but %s has {}; a scalar parameter is {\"1\"}"),
  PARAM_PRESENT_IF_NOT_BOOLEAN(
      "@%s presentIf must name a non-private boolean field of %s, but \"%s\" %s"),
  BUFFER_OUTSIDE_LAYER("@Buffer field must be in a @Layer class, but %s is not one"),
  BUFFER_NOT_TENSOR("@Buffer field must be a Tensor, but %s is %s"),
  BUFFER_PRIVATE("@Buffer field must not be private, because the generated %s assigns it"),
  BUFFER_STATIC("@Buffer field must not be static, because each layer has its own %s"),
  BUFFER_FINAL("@Buffer field must not be final, because the generated %s assigns it after the"
      + " constructor"),
  BUFFER_AND_PARAM("@Buffer and @Param must not both be on %s, because a tensor is either trained"
      + " or not"),
  BUFFER_INIT_RANDOM("@Buffer init must be ZEROS or ONES, because a buffer is state that starts"
      + " known, not a weight to draw, but %s is %s; draw it in resetParameters() if it must be"
      + " random"),
  BUFFER_SHAPE_INFERRED("@Buffer shape entry \"%s\" must use int fields only, because a buffer is"
      + " allocated with the layer, but %s is bound only by forward's argument"),
  STATE_NAME_CLASH("@Layer field %s must not be saved under the same name as %s, but both are"
      + " \"%s\" in state dicts; rename one"),
  CHILD_COLLECTION_UNSUPPORTED("@Layer field %s must not be %s, because the generated %s registers"
      + " modules held in a Module field, a List<M> or a Map<String, M> only, and these would be"
      + " left out: %s"),
  TENSOR_COLLECTION_UNSUPPORTED("@Layer field %s must not be %s, because a layer's tensors are its"
      + " @Param and @Buffer fields, and these would not be saved, loaded or trained: declare each"
      + " as a @Param or @Buffer field, or hold them in a list of child layers"),
  SHAPE_SYNTAX(
      "@%s entry \"%s\" must be an integer, a name, or + - * / on them, but %s"),
  SHAPE_NOT_POSITIVE("@%s entry \"%s\" must be positive, but it has %s"),
  PARAM_SHAPE_SIZE_INVALID("@Param shape entry \"%s\" must be a positive size that divides"
      + " exactly and fits an int, but %s"),
  SHAPE_ELLIPSIS_MISPLACED("@%s entry \"...\" must be the first entry of a forward @Shape, but %s"),
  SHAPE_UNKNOWN_NAME(
      "@%s entry \"%s\" uses %s, which must be an int field of %s or a name bound by forward's"
          + " @Shape argument%s"),
  SHAPE_NAME_NOT_INT("@%s entry \"%s\" must use int fields only, but %s is %s"),
  SHAPE_NOT_TENSOR("@Shape must be on a Tensor argument or record component, but %s is %s"),
  SHAPE_OPTIONAL_ON_RESULT(
      "@Shape optional must be on a forward argument, because forward always returns a Tensor, but"
          + " it is on %s"),
  SHAPE_OPTIONAL_BINDS_PARAM(
      "@Shape optional argument %s must not be the only one to bind \"%s\", because @Param %s"
          + " needs its size even when %s is null"),
  SHAPE_OUTSIDE_FORWARD(
      "@Shape must be on forward(Tensor) of a @Layer class or on its argument, but it is on %s"),
  CHILD_PRIVATE("@Layer child module field must not be private, because the generated %s"
      + " registers it, but %s is"),
  CONFIG_NOT_CAPTURED(
      "@Layer constructor parameter %s must have a non-private field of the same name and type,"
          + " so that a saved layer can be rebuilt, but %s"),
  CONFIG_TYPE_UNSUPPORTED(
      "@Layer constructor parameter %s must be an int, long, float, double, boolean, String,"
          + " int[], enum or Module, so that a saved layer can be rebuilt, but it is %s"),
  CONFIG_ENUM_PRIVATE("@Layer constructor parameter %s must not be of a private enum, because the"
      + " generated %s names it to rebuild the layer, but %s is private"),
  CONFIG_CONSTRUCTOR_THROWS(
      "@Layer constructor must not throw checked exceptions, so that a saved layer can be rebuilt,"
          + " but %s throws %s"),
  SHAPE_NAME_NEAR_MISS(Kind.WARNING,
      "\"%s\" in forward's @Shape matches no field and binds a new size; did you mean %s?"),
  PARAM_SHAPE_NAME_NEAR_MISS(Kind.WARNING,
      "\"%s\" in @Param shape of %s matches no field, so %s is allocated on the first call with"
          + " the size forward's input binds; did you mean %s?"),
  SHAPE_MISMATCH("%s of %s: %s%s"),
  SHAPE_RETURN_MISMATCH("forward returns %s %s, but its @Shape declares %s: %s"),
  SHAPE_OF_LOCAL(Kind.NOTE, "%s: %s"),
  BODY_CHECKS_OFF(Kind.NOTE, "@Layer forward bodies are not checked for shape mistakes in this"
      + " compilation, because the compiler gives annotation processors no source trees (javac"
      + " does); declared @Shapes are still checked on every call"),
  INTERNAL_ERROR("@Layer processing of %s failed unexpectedly; please report this: %s");

  private final Kind kind;
  private final String template;

  Diagnostic(String template) {
    this(Kind.ERROR, template);
  }

  Diagnostic(Kind kind, String template) {
    this.kind = kind;
    this.template = template;
  }

  /**
   * {@code ERROR}, {@code WARNING} for what is legal but most likely a slip, or {@code NOTE} for
   * what is only information.
   */
  public Kind kind() {
    return kind;
  }

  /** The stable tag, {@code ParamNotTensor}. */
  public String tag() {
    return CaseFormat.UPPER_UNDERSCORE.to(CaseFormat.UPPER_CAMEL, name());
  }

  /** The complete message: {@code [ParamNotTensor] @Param field must be a Tensor, but ...}. */
  public String format(Object... arguments) {
    return "[" + tag() + "] " + String.format(template, arguments);
  }
}
