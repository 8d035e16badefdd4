package dev.lamina.examples.cli;

import dev.lamina.io.ModuleFiles;
import dev.lamina.io.safetensors.SafetensorsException;
import dev.lamina.io.safetensors.SafetensorsReader;
import dev.lamina.io.safetensors.TensorInfo;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code inspect FILE}: what a safetensors file holds, without loading its tensors. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the tensors of a safetensors file (Lamina's or PyTorch's): names, dtypes, shapes and"
          + " the parameter count, then its metadata and the architecture if the file has one."
    })
final class InspectCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "A .safetensors file.")
  Path file;

  @Override
  public Integer call() {
    try (SafetensorsReader reader = SafetensorsReader.open(file)) {
      Map<String, TensorInfo> tensors = reader.tensors();
      int nameWidth = Math.max(4, tensors.keySet().stream().mapToInt(String::length).max().orElse(0));
      System.out.printf("%s: %d tensors%n%n", file, tensors.size());
      System.out.printf("%-" + nameWidth + "s  %-5s  %s%n", "name", "dtype", "shape");
      long total = 0;
      for (TensorInfo info : tensors.values()) {
        System.out.printf("%-" + nameWidth + "s  %-5s  %s%n", info.name(), info.dtype(),
            Arrays.toString(info.shape()));
        total += info.numel();
      }
      System.out.printf("%nparameters: %,d%n", total);
      Map<String, String> metadata = reader.metadata();
      for (Map.Entry<String, String> entry : metadata.entrySet()) {
        if (!entry.getKey().equals(ModuleFiles.ARCHITECTURE_KEY)) {
          System.out.printf("metadata %s: %s%n", entry.getKey(), entry.getValue());
        }
      }
      String architecture = metadata.get(ModuleFiles.ARCHITECTURE_KEY);
      System.out.println(architecture == null
          ? "architecture: none recorded (weights only, as PyTorch writes them)"
          : "architecture: " + architecture);
      return 0;
    } catch (SafetensorsException e) {
      System.err.println("inspect: " + e.getMessage());
      return 1;
    }
  }
}
