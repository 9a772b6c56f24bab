package io.firedrill.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Output files written under a temporary name and renamed into place only when the whole run
 * succeeded: a reader never sees a half-written file, and a failed or interrupted run leaves the
 * previous results as they were.
 */
public final class AtomicFiles implements AutoCloseable {
  private final Path dir;
  private final List<Path[]> pending = new ArrayList<>();
  private boolean committed;

  /** Output into {@code dir}, created if missing. */
  public AtomicFiles(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
  }

  public Path dir() {
    return dir;
  }

  /** A writer for {@code name}, writing to a temporary file until {@link #commit}. */
  public Writer open(String name) throws IOException {
    Path target = dir.resolve(name);
    Path tmp = dir.resolve("." + name + ".tmp");
    pending.add(new Path[] {tmp, target});
    return new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8), 1 << 16);
  }

  /** A temporary path for a file another library writes (charts); renamed on commit. */
  public Path temporaryPath(String name) {
    Path target = dir.resolve(name);
    Path tmp = dir.resolve("." + name + ".tmp");
    pending.add(new Path[] {tmp, target});
    return tmp;
  }

  /** Renames every file into place. */
  public void commit() throws IOException {
    for (Path[] p : pending) {
      try {
        Files.move(p[0], p[1], StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(p[0], p[1], StandardCopyOption.REPLACE_EXISTING);
      }
    }
    committed = true;
  }

  /** Deletes the temporary files of an uncommitted run. */
  @Override
  public void close() {
    if (committed) {
      return;
    }
    for (Path[] p : pending) {
      try {
        Files.deleteIfExists(p[0]);
      } catch (IOException ignored) {
        // Best effort: a leftover temporary file is hidden and never mistaken for a result.
      }
    }
  }
}
