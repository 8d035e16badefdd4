/**
 * The {@code @Layer} annotation processor. The pipeline shows in the packages: {@code element} finds
 * a layer's members, {@code model} reads them once into a layer's one model (shape entries parsed
 * there and nowhere else, whether the class is valid or not), {@code validation} returns what is
 * wrong with the model (and never writes), {@code writing} generates its {@code Lamina_<Name>} from
 * the same model (and never validates); {@link dev.lamina.processor.LayerStep} ties them together
 * for one class.
 *
 * <p>Generation uses JavaPoet's maintained line, {@code com.palantir.javapoet}.
 */
package dev.lamina.processor;
