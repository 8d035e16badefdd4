/**
 * The {@code @Layer} annotation processor. The pipeline shows in the packages: {@code element} finds
 * a layer's members, {@code validation} reports what is wrong (and never writes), {@code model}
 * describes a valid layer, {@code writing} generates its {@code Lamina_<Name>} (and never validates);
 * {@link dev.lamina.processor.LayerStep} ties them together for one class.
 *
 * <p>Generation uses JavaPoet's maintained line, {@code com.palantir.javapoet}.
 */
package dev.lamina.processor;
