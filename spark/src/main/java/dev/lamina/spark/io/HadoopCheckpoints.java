package dev.lamina.spark.io;

import dev.lamina.Module;
import dev.lamina.io.OptimizerFiles;
import dev.lamina.optim.Optimizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * Training checkpoints in a folder of any Hadoop {@link FileSystem} (a local path, HDFS, S3A...):
 * per checkpoint, a {@link Module#save} file {@code step-000000040.safetensors} holding the weights
 * after that many steps, and beside it {@code step-000000040.optimizer.safetensors}, the
 * optimizer's state ({@link OptimizerFiles}), so that a resumed run takes the steps the
 * uninterrupted one would. Each file is written under a hidden temporary name and renamed into
 * place, the optimizer's first, so a reader sees whole files or none, and a model file means its
 * checkpoint is complete; the newest is the one to resume from.
 *
 * <pre>{@code
 * HadoopCheckpoints checkpoints = new HadoopCheckpoints("hdfs:///runs/mnist", hadoopConf);
 * checkpoints.save(model, adam, 40);
 * checkpoints.latest().ifPresent(c -> checkpoints.loadInto(model, adam, c));
 * }</pre>
 */
public final class HadoopCheckpoints {
  private static final Pattern NAME = Pattern.compile("step-(\\d+)\\.safetensors");

  private final org.apache.hadoop.fs.Path folder;
  private final Configuration configuration;

  /** Checkpoints in {@code folder} (a URI or a path), accessed with {@code configuration}. */
  public HadoopCheckpoints(String folder, Configuration configuration) {
    this.folder = new org.apache.hadoop.fs.Path(folder);
    this.configuration = configuration;
  }

  /** The step a checkpoint was written after. */
  public static final class Saved {
    private final long step;
    private final org.apache.hadoop.fs.Path file;

    Saved(long step, org.apache.hadoop.fs.Path file) {
      this.step = step;
      this.file = file;
    }

    /** The number of steps taken before it was written. */
    public long step() {
      return step;
    }

    /** Its file. */
    public String file() {
      return file.toString();
    }
  }

  /** Writes {@code model}'s checkpoint after {@code step} steps, atomically; returns it. */
  public Saved save(Module model, long step) throws IOException {
    org.apache.hadoop.fs.Path target = modelFile(step);
    writeModel(model, target.toString(), configuration);
    return new Saved(step, target);
  }

  /**
   * Writes the checkpoint of {@code model} and {@code optimizer} after {@code step} steps: the
   * optimizer's state first, then the weights, each atomically; returns it.
   */
  public Saved save(Module model, Optimizer optimizer, long step) throws IOException {
    write(optimizerFile(step).toString(), configuration, local -> OptimizerFiles.save(optimizer, local));
    return save(model, step);
  }

  private org.apache.hadoop.fs.Path modelFile(long step) {
    return new org.apache.hadoop.fs.Path(folder, String.format("step-%09d.safetensors", step));
  }

  private org.apache.hadoop.fs.Path optimizerFile(long step) {
    return new org.apache.hadoop.fs.Path(folder,
        String.format("step-%09d.optimizer.safetensors", step));
  }

  /**
   * Writes {@code model} as a {@link Module#save} file at {@code file} (a Hadoop path or URI),
   * atomically: it is written under a hidden temporary name in the same folder and renamed.
   */
  public static void writeModel(Module model, String file, Configuration configuration)
      throws IOException {
    write(file, configuration, model::save);
  }

  /** Writes a local file's content to a local temporary file. */
  private interface LocalWriter {
    void writeTo(Path local) throws IOException;
  }

  private static void write(String file, Configuration configuration, LocalWriter content)
      throws IOException {
    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(file);
    FileSystem fs = target.getFileSystem(configuration);
    org.apache.hadoop.fs.Path parent = target.getParent();
    if (parent != null) {
      fs.mkdirs(parent);
    }
    org.apache.hadoop.fs.Path temporary = new org.apache.hadoop.fs.Path(parent,
        "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
    Path local = Files.createTempFile("lamina-model-", ".safetensors");
    try {
      content.writeTo(local);
      try (FSDataOutputStream out = fs.create(temporary, false)) {
        Files.copy(local, out);
        out.hsync();
      }
      // Rename does not replace an existing file on every file system.
      if (fs.exists(target)) {
        fs.delete(target, false);
      }
      if (!fs.rename(temporary, target)) {
        throw new IOException("cannot rename " + temporary + " to " + target);
      }
    } finally {
      fs.delete(temporary, false);
      ModelBytes.deleteQuietly(local);
    }
  }

  /** The checkpoint with the most steps, if the folder has any. */
  public Optional<Saved> latest() throws IOException {
    FileSystem fs = folder.getFileSystem(configuration);
    if (!fs.exists(folder)) {
      return Optional.empty();
    }
    Saved best = null;
    for (FileStatus status : fs.listStatus(folder)) {
      Matcher matcher = NAME.matcher(status.getPath().getName());
      if (status.isFile() && matcher.matches()) {
        long step = Long.parseLong(matcher.group(1));
        if (best == null || step > best.step) {
          best = new Saved(step, status.getPath());
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** Loads the weights of {@code checkpoint} into {@code model}, strictly. */
  public void loadInto(Module model, Saved checkpoint) throws IOException {
    Path local = copyToLocal(checkpoint.file, configuration);
    try {
      model.loadWeights(local);
    } finally {
      ModelBytes.deleteQuietly(local);
    }
  }

  /**
   * Loads {@code checkpoint} into {@code model} and {@code optimizer}, strictly: the weights, and
   * the optimizer's state from the file beside them. An optimizer that keeps no state per parameter
   * needs none; for one that does, a checkpoint without it is refused rather than resumed with its
   * state started again.
   */
  public void loadInto(Module model, Optimizer optimizer, Saved checkpoint) throws IOException {
    org.apache.hadoop.fs.Path state = optimizerFile(checkpoint.step);
    FileSystem fs = state.getFileSystem(configuration);
    Path local = null;
    if (fs.exists(state)) {
      local = copyToLocal(state, configuration);
    } else if (!optimizer.stateNames().isEmpty()) {
      throw new IOException(checkpoint.file + " has no optimizer state beside it (" + state
          + "), and " + optimizer.getClass().getSimpleName() + " keeps " + optimizer.stateNames()
          + ": resuming without it would not continue the run");
    }
    try {
      if (local != null) {
        OptimizerFiles.load(optimizer, local);
      }
      loadInto(model, checkpoint);
    } finally {
      if (local != null) {
        ModelBytes.deleteQuietly(local);
      }
    }
  }

  /** The bytes of the file at {@code file} (a URI or a path) on its Hadoop file system. */
  public static byte[] readBytes(String file, Configuration configuration) throws IOException {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file);
    try (InputStream in = path.getFileSystem(configuration).open(path)) {
      return in.readAllBytes();
    }
  }

  private static Path copyToLocal(org.apache.hadoop.fs.Path file, Configuration configuration)
      throws IOException {
    Path local = Files.createTempFile("lamina-checkpoint-", ".safetensors");
    try (InputStream in = file.getFileSystem(configuration).open(file);
        OutputStream out = Files.newOutputStream(local)) {
      in.transferTo(out);
    }
    return local;
  }
}
