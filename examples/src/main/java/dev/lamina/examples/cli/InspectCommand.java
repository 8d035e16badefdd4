package dev.lamina.examples.cli;

import static dev.lamina.examples.cli.TerminalText.shown;

import dev.lamina.io.ModuleFiles;
import dev.lamina.io.safetensors.SafetensorsException;
import dev.lamina.io.safetensors.SafetensorsReader;
import dev.lamina.io.safetensors.TensorInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code inspect FILE}: what a safetensors file holds, without loading its tensors. What the file
 * says is printed with its control characters escaped (see {@link TerminalText}), and the output
 * stays proportional to the file: names pad their column up to {@link #MAX_NAME_WIDTH} characters
 * and longer ones overflow it.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the tensors of a safetensors file (Lamina's or PyTorch's): names, dtypes, shapes and"
          + " the parameter count, then its metadata and the architecture if the file has one."
    })
final class InspectCommand implements Callable<Integer> {
  /** The widest the name column pads to. */
  static final int MAX_NAME_WIDTH = 60;

  /** The most bytes read from a pipe, a device, or a file whose size the file system reports as 0. */
  static final int MAX_STREAMED_BYTES = 64 << 20;

  @Parameters(paramLabel = "FILE", description = "A .safetensors file.")
  Path file;

  @Override
  public Integer call() {
    try (SafetensorsReader reader = open(file)) {
      Map<String, TensorInfo> tensors = reader.tensors();
      int nameWidth = 4;
      for (String name : tensors.keySet()) {
        nameWidth = Math.max(nameWidth, Math.min(MAX_NAME_WIDTH, shown(name).length()));
      }
      String row = "%-" + nameWidth + "s  %-5s  %s%n";
      System.out.printf("%s: %d tensors%n%n", shown(file.toString()), tensors.size());
      System.out.printf(row, "name", "dtype", "shape");
      long total = 0;
      for (TensorInfo info : tensors.values()) {
        System.out.printf(row, shown(info.name()), info.dtype(), Arrays.toString(info.shape()));
        total += info.numel();
      }
      System.out.printf("%nparameters: %,d%n", total);
      Map<String, String> metadata = reader.metadata();
      for (Map.Entry<String, String> entry : metadata.entrySet()) {
        if (!entry.getKey().equals(ModuleFiles.ARCHITECTURE_KEY)) {
          System.out.printf("metadata %s: %s%n", shown(entry.getKey()), shown(entry.getValue()));
        }
      }
      String architecture = metadata.get(ModuleFiles.ARCHITECTURE_KEY);
      System.out.println(architecture == null
          ? "architecture: none recorded (weights only, as PyTorch writes them)"
          : "architecture: " + shown(architecture));
      return 0;
    } catch (SafetensorsException e) {
      System.err.println("inspect: " + shown(e.getMessage()));
      return 1;
    }
  }

  /**
   * Opens a regular file in place; reads anything else (a pipe, a device, a file under
   * {@code /proc} whose size the file system reports as 0) as a stream of at most
   * {@link #MAX_STREAMED_BYTES}, and names what it is in messages.
   */
  static SafetensorsReader open(Path file) throws SafetensorsException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      return SafetensorsReader.open(file); // which says why it cannot open the file
    }
    if (attributes.isDirectory()) {
      throw new SafetensorsException(file + ": is a folder, not a safetensors file");
    }
    if (attributes.isRegularFile() && attributes.size() > 0) {
      return SafetensorsReader.open(file);
    }
    String what = attributes.isRegularFile()
        ? "the file system reports 0 bytes" : "not a regular file but a pipe or a device";
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_STREAMED_BYTES + 1);
    } catch (IOException e) {
      throw new SafetensorsException(file + " (" + what + "): cannot read: " + e.getMessage(), e);
    }
    if (attributes.isRegularFile() && bytes.length == 0) {
      return SafetensorsReader.fromBytes(bytes, file.toString()); // truly empty
    }
    if (bytes.length > MAX_STREAMED_BYTES) {
      throw new SafetensorsException(file + " (" + what + ") holds more than the "
          + MAX_STREAMED_BYTES + " bytes inspect reads from such a file; copy it to a regular file");
    }
    return SafetensorsReader.fromBytes(
        bytes, file + " (" + what + "; " + bytes.length + " bytes read)");
  }
}
