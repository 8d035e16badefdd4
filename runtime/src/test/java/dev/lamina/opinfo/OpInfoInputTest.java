package dev.lamina.opinfo;

import static com.google.common.truth.Truth.assertThat;

import com.google.gson.JsonParser;
import dev.lamina.Tensor;
import dev.lamina.annotations.DType;
import org.junit.jupiter.api.Test;

/** How a recorded input becomes the tensor the op receives. */
class OpInfoInputTest {
  @Test
  void aFloatInputIsALeafThatRequiresAGradient() {
    Tensor leaf = parse("{\"shape\": [2], \"data\": [1.5, -2]}").leaf();
    assertThat(leaf.requiresGrad()).isTrue();
    assertThat(leaf.toFloatArray()).usingExactEquality().containsExactly(1.5f, -2f).inOrder();
  }

  @Test
  void stridesLayTheValuesOutAsPyTorchsView() {
    // PyTorch's x.t() of [[1, 2, 3], [4, 5, 6]]: shape [3, 2], strides [1, 3].
    Tensor leaf = parse("{\"shape\": [3, 2], \"data\": [1, 4, 2, 5, 3, 6], \"strides\": [1, 3]}")
        .leaf();
    assertThat(leaf.stride()).isEqualTo(new int[] {1, 3});
    assertThat(leaf.toFloatArray()).usingExactEquality()
        .containsExactly(1f, 4f, 2f, 5f, 3f, 6f).inOrder();
  }

  @Test
  void anExpandedInputSharesOneStoredValue() {
    Tensor leaf = parse("{\"shape\": [3, 2], \"data\": [7, 8, 7, 8, 7, 8], \"strides\": [0, 1]}")
        .leaf();
    assertThat(leaf.storage()).hasLength(2);
    assertThat(leaf.toFloatArray()).usingExactEquality()
        .containsExactly(7f, 8f, 7f, 8f, 7f, 8f).inOrder();
  }

  @Test
  void int64AndBoolInputsKeepTheirTypeWithoutAGradient() {
    Tensor indices = parse("{\"shape\": [2], \"dtype\": \"int64\", \"data\": [3, 1]}").leaf();
    Tensor mask = parse("{\"shape\": [2], \"dtype\": \"bool\", \"data\": [true, false]}").leaf();
    assertThat(indices.dtype()).isEqualTo(DType.INT64);
    assertThat(indices.toLongArray()).asList().containsExactly(3L, 1L).inOrder();
    assertThat(indices.requiresGrad()).isFalse();
    assertThat(mask.dtype()).isEqualTo(DType.BOOL);
    assertThat(mask.toBooleanArray()).asList().containsExactly(true, false).inOrder();
  }

  private static OpInfoInput parse(String json) {
    return OpInfoInput.parse(JsonParser.parseString(json).getAsJsonObject());
  }
}
