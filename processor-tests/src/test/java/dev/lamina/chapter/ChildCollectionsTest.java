package dev.lamina.chapter;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lamina.LayerForwardException;
import dev.lamina.Module;
import dev.lamina.ModuleList;
import dev.lamina.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layers holding lists and maps of children, run through their generated classes. */
class ChildCollectionsTest {
  @TempDir Path dir;

  @Test
  void aListOfChildrenIsNamedAsModuleListNamesIt() {
    BlockStack stack = BlockStack.create(3, 4);
    assertThat(stack.namedParameters().keySet()).containsExactly(
        "blocks.0.fc.weight", "blocks.0.fc.bias", "blocks.1.fc.weight", "blocks.1.fc.bias",
        "blocks.2.fc.weight", "blocks.2.fc.bias").inOrder();
    assertThat(stack.namedModules().keySet()).containsExactly(
        "", "blocks", "blocks.0", "blocks.0.fc", "blocks.1", "blocks.1.fc", "blocks.2",
        "blocks.2.fc").inOrder();
    assertThat(stack.children().get("blocks")).isInstanceOf(ModuleList.class);
  }

  @Test
  void aListOfChildrenPrintsAsPyTorchPrintsAModuleList() {
    BlockStack stack = BlockStack.create(2, 4);
    assertThat(stack.toString()).isEqualTo("BlockStack(\n"
        + "  depth=2, width=4\n"
        + "  (blocks): ModuleList(\n"
        + "    (0): Block(\n"
        + "      width=4\n"
        + "      (fc): Linear(in_features=4, out_features=4, bias=True)\n"
        + "    )\n"
        + "    (1): Block(\n"
        + "      width=4\n"
        + "      (fc): Linear(in_features=4, out_features=4, bias=True)\n"
        + "    )\n"
        + "  )\n"
        + ")");
  }

  @Test
  void aListOfChildrenIsSummarized() {
    String summary = BlockStack.create(2, 4).summary();
    assertThat(summary).contains("blocks.1.fc");
    assertThat(summary).contains("Total params: 40");
  }

  @Test
  void aListOfChildrenIsSavedAndRebuilt() throws IOException {
    BlockStack stack = BlockStack.create(3, 4);
    Path file = dir.resolve("stack.safetensors");
    stack.save(file);
    BlockStack loaded = (BlockStack) Module.load(file);
    assertThat(loaded.blocks).hasSize(3);
    Tensor x = Tensor.randn(2, 4);
    assertThat(loaded.forward(x).toFloatArray()).isEqualTo(stack.forward(x).toFloatArray());
    assertThat(loaded.blocks.get(2).fc.weight().toFloatArray())
        .isEqualTo(stack.blocks.get(2).fc.weight().toFloatArray());
  }

  @Test
  void aMapOfChildrenIsNamedByItsKeysInOrder() throws IOException {
    TwoHeads heads = TwoHeads.create(3, "parity");
    assertThat(heads.namedParameters().keySet()).containsExactly("heads.digits.weight",
        "heads.digits.bias", "heads.parity.weight", "heads.parity.bias").inOrder();
    Path file = dir.resolve("heads.safetensors");
    heads.save(file);
    TwoHeads loaded = (TwoHeads) Module.load(file);
    Tensor x = Tensor.randn(2, 3);
    assertThat(loaded.forward(x).toFloatArray()).isEqualTo(heads.forward(x).toFloatArray());
    assertThat(loaded.toString()).isEqualTo(heads.toString());
  }

  @Test
  void aListLeftNullByTheConstructorIsAnError() {
    IllegalStateException error = assertThrows(IllegalStateException.class, NullList::create);
    assertThat(error).hasMessageThat().isEqualTo("NullList: the children in field blocks are null"
        + " after the constructor; build them there, as an empty list if there are none");
  }

  @Test
  void aNullInAListOfChildrenIsAnError() {
    IllegalStateException error = assertThrows(IllegalStateException.class, NullList::withHole);
    assertThat(error).hasMessageThat()
        .isEqualTo("NullList: blocks.1 is null; a list of children holds modules only");
  }

  @Test
  void aFailureInsideAListNamesTheChildByItsPath() {
    BlockStack stack = BlockStack.create(3, 4);
    stack.blocks.set(1, Block.create(3));
    LayerForwardException error = assertThrows(LayerForwardException.class,
        () -> stack.forward(Tensor.zeros(2, 4)));
    assertThat(error).hasMessageThat().isEqualTo(
        "blocks.1 (Block).forward: x has shape [2, 4], expected [batch, width=3]");
  }

  @Test
  void aModuleListHasNoForward() {
    ModuleList<Block> list = ModuleList.of(List.of(Block.create(2)));
    UnsupportedOperationException error = assertThrows(UnsupportedOperationException.class,
        () -> list.forward(Tensor.zeros(1, 2)));
    assertThat(error).hasMessageThat().contains("ModuleList has no forward");
    List<Block> seen = new ArrayList<>();
    list.forEach(seen::add);
    assertThat(seen).containsExactly(list.get(0));
  }
}
