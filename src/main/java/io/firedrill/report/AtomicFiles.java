package io.firedrill.report;

import io.firedrill.run.Cancellation;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The output folder of one run, replaced as a whole: a reader sees the previous set of files or the
 * new set, never a mix, and a failed, interrupted or killed run leaves the previous set as it was.
 *
 * <h2>How</h2>
 *
 * <p>{@link #prepare} takes an exclusive lock on a hidden file beside the folder ({@code
 * .NAME.firedrill.lock} in its parent; a second run into the same folder is refused at once),
 * checks that firedrill owns the folder (it does not exist, is empty, or holds only files firedrill
 * writes), and creates a fresh hidden staging folder in the same parent ({@code
 * .NAME.firedrill-staging-RANDOM}). Every file is written there. {@link #commit} writes the marker
 * {@value #MARKER} (which lists the files), forces every file and the staging folder to disk, then
 * swaps: the old folder is renamed aside ({@code .NAME.firedrill-old-RANDOM}), the staging folder
 * is renamed to NAME, the parent is forced to disk and the old folder deleted. Renames within one
 * folder are atomic (POSIX rename(2)); between the two renames the folder is briefly absent, never
 * mixed. Files of the previous run that this run does not write (outages.csv, trials.csv) leave
 * with the old folder.
 *
 * <p>A run killed before the swap leaves a staging folder, one killed between the renames leaves
 * only the old folder: the next run into the same folder deletes the staging folder and renames the
 * old folder back (or deletes it when the new folder is already in place).
 *
 * <p>Refusals ({@link Refused}) name the folder and say what is wrong in one line: a file, device,
 * dangling symbolic link or link loop where the folder should be, a parent that cannot be written,
 * a file firedrill did not write, or another run holding the lock.
 */
public final class AtomicFiles implements AutoCloseable {
  /** Marker file in every folder firedrill writes; lists the files of the set. */
  public static final String MARKER = ".firedrill";

  /**
   * Names firedrill has written into an output folder, in this version or earlier ones (whose
   * folders have no marker): a folder holding only these is firedrill's to replace.
   */
  static final Set<String> KNOWN_OUTPUTS = knownOutputs();

  /**
   * Files a desktop adds to any folder it shows (Finder, Explorer): replaced with the folder like
   * firedrill's own, since the desktop writes them again. AppleDouble files ({@code ._NAME}) too.
   */
  static final Set<String> OS_METADATA = Set.of(".DS_Store", "Thumbs.db", "desktop.ini");

  /** Lock files held by runs in this JVM (a second FileChannel would release the first's lock). */
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  /** Open, uncommitted output folders of this JVM, for {@link #abandonAll}. */
  private static final Set<AtomicFiles> OPEN = ConcurrentHashMap.newKeySet();

  private static final SecureRandom RANDOM = new SecureRandom();

  private enum State {
    WRITING,
    COMMITTED,
    ABANDONED
  }

  private final Path dir;
  private final Path target;
  private final Path staging;
  private final Path lockPath;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final List<Path> created;
  private final Cancellation cancellation;
  private final Set<String> names = new TreeSet<>();
  private State state = State.WRITING;

  /** A refused output folder: one line, {@code PATH: what is wrong}. */
  public static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(Path dir, String what) {
      super(dir + ": " + what, null, false, false);
    }
  }

  /**
   * A failure to write or commit the results: one line naming the folder and the system's reason,
   * and that nothing was replaced.
   */
  public static final class WriteFailed extends IOException {
    private static final long serialVersionUID = 1L;

    WriteFailed(Path dir, Throwable cause) {
      super(
          "cannot write the results to "
              + dir
              + ": "
              + reason(cause)
              + "; nothing was written, the previous results are as they were",
          cause);
    }
  }

  /**
   * {@code e}, a failure while writing this set, as one line naming the folder; stop requests and
   * refusals pass unchanged.
   */
  public Exception failed(Exception e) {
    if (cancellation.isCancelled() && !(e instanceof Cancellation.Stopped)) {
      // A stop closes the files being written (their channels see the interrupt): say the stop,
      // not the system's "closed".
      return new Cancellation.Stopped("before the results were complete");
    }
    if (e instanceof IOException || e instanceof java.io.UncheckedIOException) {
      return e instanceof WriteFailed ? e : new WriteFailed(dir, e);
    }
    return e;
  }

  private AtomicFiles(
      Path dir,
      Path target,
      Path staging,
      Path lockPath,
      FileChannel lockChannel,
      FileLock lock,
      List<Path> created,
      Cancellation cancellation) {
    this.dir = dir;
    this.target = target;
    this.staging = staging;
    this.lockPath = lockPath;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.created = created;
    this.cancellation = cancellation;
  }

  /**
   * Prepares {@code dir} for a new set of results: creates missing parent folders, takes the lock,
   * cleans up after a killed run, checks ownership and creates the staging folder. Nothing is
   * replaced until {@link #commit}.
   *
   * @throws Refused if {@code dir} cannot be an output folder (one line saying why)
   */
  public static AtomicFiles prepare(Path dir) {
    return prepare(dir, new Cancellation());
  }

  /**
   * As {@link #prepare(Path)}, for a run that {@code cancellation} can stop: once it is cancelled,
   * {@link #path}, {@link #open} and {@link #commit} refuse with {@link Cancellation.Stopped}.
   */
  public static AtomicFiles prepare(Path dir, Cancellation cancellation) {
    List<Path> created = new ArrayList<>();
    Path target = resolve(dir, created);
    Path parent = target.getParent();
    String name = target.getFileName().toString();
    Path lockPath = parent.resolve("." + name + ".firedrill.lock");
    FileChannel channel = null;
    FileLock lock = null;
    boolean held = false;
    try {
      if (!HELD.add(lockPath)) {
        throw busy(dir, lockPath);
      }
      held = true;
      try {
        channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lock = channel.tryLock();
      } catch (IOException e) {
        throw new Refused(dir, "cannot create files in " + parent + " (" + reason(e) + ")");
      }
      if (lock == null) {
        throw busy(dir, lockPath);
      }
      recover(dir, parent, name, target);
      String foreign = foreignEntry(target);
      if (foreign != null) {
        throw new Refused(
            dir,
            "holds "
                + foreign
                + ", which firedrill did not write; firedrill replaces the whole folder, so move"
                + " it away or choose another --out");
      }
      String stuck = unmovable(parent, target);
      if (stuck != null) {
        throw new Refused(dir, stuck);
      }
      Path staging = createUnique(dir, parent, "." + name + ".firedrill-staging-");
      AtomicFiles files =
          new AtomicFiles(dir, target, staging, lockPath, channel, lock, created, cancellation);
      OPEN.add(files);
      return files;
    } catch (RuntimeException e) {
      release(channel, lock, held ? lockPath : null, created);
      throw e;
    }
  }

  /**
   * Why an existing {@code target} could not be swapped aside at the end, or null: in a parent with
   * the sticky bit (like /tmp), only its owner (or the parent's) may rename it, and the swap would
   * fail after the whole simulation.
   */
  private static String unmovable(Path parent, Path target) {
    try {
      if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        return null;
      }
      int mode = (Integer) Files.getAttribute(parent, "unix:mode");
      int me = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      int owner = (Integer) Files.getAttribute(target, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      int parentOwner = (Integer) Files.getAttribute(parent, "unix:uid");
      return stickyRefusal(parent, mode, me, owner, parentOwner);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return null; // no unix attributes here: the swap reports its own failure
    }
  }

  /**
   * The rule of {@link #unmovable}: with the sticky bit in {@code mode} (the parent's), a user who
   * is not root, not the target's owner and not the parent's cannot rename the target.
   */
  static String stickyRefusal(Path parent, int mode, int me, int owner, int parentOwner) {
    if ((mode & 01000) == 0 || me == 0 || me == owner || me == parentOwner) {
      return null;
    }
    return "belongs to another user in "
        + parent
        + ", a folder with the sticky bit: firedrill could not replace it; choose another --out";
  }

  /** The folder as named by the user. */
  public Path dir() {
    return dir;
  }

  /** A writer for {@code name} in the new set. */
  public Writer open(String name) throws IOException {
    return new BufferedWriter(Files.newBufferedWriter(path(name), StandardCharsets.UTF_8), 1 << 16);
  }

  /**
   * Where a file {@code name} of the new set is written, for libraries that write files themselves
   * (charts). Checks for cancellation first: a stopped run writes nothing more.
   */
  public synchronized Path path(String name) {
    cancellation.throwIfCancelled("before the results were complete");
    if (state != State.WRITING) {
      throw new IllegalStateException("output folder " + dir + " is " + state);
    }
    if (name.isEmpty() || name.startsWith(".") || name.contains("/") || name.contains("\\")) {
      throw new IllegalArgumentException("not a plain file name: " + name);
    }
    names.add(name);
    return staging.resolve(name);
  }

  /** Leaves {@code name} out of the set (a chart that could not be drawn), deleting what exists. */
  public synchronized void discard(String name) throws IOException {
    if (names.remove(name)) {
      Files.deleteIfExists(staging.resolve(name));
    }
  }

  /** Names of the files in the new set so far, sorted. */
  public synchronized List<String> names() {
    return List.copyOf(names);
  }

  /**
   * Makes the new set the folder's content: marker, files and folders forced to disk, then the
   * swap. Once it returns the results are in place; if it throws, the previous set is as it was.
   */
  public synchronized void commit() throws IOException {
    cancellation.throwIfCancelled("before the results were complete");
    if (state != State.WRITING) {
      throw new IllegalStateException("output folder " + dir + " is " + state);
    }
    String foreign = foreignEntry(target);
    if (foreign != null) {
      throw new IOException(
          dir + ": " + foreign + " appeared there during the run; nothing was replaced");
    }
    StringBuilder marker =
        new StringBuilder(
            "The results of one firedrill run. firedrill replaces this folder as a whole on its"
                + " next run into it,\nand refuses to if it holds a file not listed here.\n");
    for (String n : names) {
      marker.append(n).append('\n');
    }
    Files.writeString(staging.resolve(MARKER), marker, StandardCharsets.UTF_8);
    for (String n : names) {
      force(staging.resolve(n));
    }
    force(staging.resolve(MARKER));
    forceFolder(staging);
    Path old = null;
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      old = uniqueName(target.getParent(), "." + target.getFileName() + ".firedrill-old-");
      move(target, old);
    }
    try {
      move(staging, target);
    } catch (IOException | RuntimeException e) {
      if (old != null) {
        move(old, target);
      }
      throw e;
    }
    state = State.COMMITTED;
    OPEN.remove(this);
    forceFolder(target.getParent());
    if (old != null) {
      deleteTree(old);
    }
  }

  /**
   * Ends the run: an uncommitted set is deleted with its staging folder and any folder this run
   * created; the lock is released.
   */
  @Override
  public void close() {
    synchronized (this) {
      abandon();
    }
    OPEN.remove(this);
    release(lockChannel, lock, lockPath, state == State.COMMITTED ? List.of() : created);
  }

  /**
   * Deletes the staging folders of every uncommitted run of this JVM: for the shutdown hook, when
   * the main thread did not stop in time. A commit in progress finishes first.
   */
  public static void abandonAll() {
    for (AtomicFiles f : OPEN) {
      synchronized (f) {
        if (!f.abandon()) {
          continue;
        }
      }
      OPEN.remove(f);
      for (int i = f.created.size() - 1; i >= 0; i--) {
        try {
          Files.deleteIfExists(f.created.get(i).resolve(f.lockPath.getFileName()));
          Files.deleteIfExists(f.created.get(i));
        } catch (IOException e) {
          // Not empty or gone: leave it.
        }
      }
    }
  }

  /** Deletes the staging folder of an uncommitted set; true if it did. */
  private boolean abandon() {
    if (state != State.WRITING) {
      return false;
    }
    state = State.ABANDONED;
    deleteTree(staging);
    return true;
  }

  // ---- opening

  /** The real path of the folder to replace, refusing what cannot be one. */
  private static Path resolve(Path dir, List<Path> created) {
    if (dir.toString().isBlank()) {
      // Path.of("") is the working folder: an empty --out is a slip, not a request for it.
      throw new Refused(dir, "an empty name is not a folder");
    }
    Path abs;
    try {
      abs = dir.toAbsolutePath();
    } catch (java.io.IOError | SecurityException e) {
      throw new Refused(dir, "cannot be resolved (" + e.getMessage() + ")");
    }
    if (Files.exists(abs)) {
      if (!Files.isDirectory(abs)) {
        throw new Refused(dir, notAFolder(abs));
      }
      try {
        Path real = abs.toRealPath();
        if (real.getParent() == null) {
          throw new Refused(dir, "the root folder cannot be an output folder");
        }
        return real;
      } catch (IOException e) {
        throw new Refused(dir, "cannot be resolved (" + reason(e) + ")");
      }
    }
    if (Files.isSymbolicLink(abs)) {
      throw new Refused(dir, brokenLink(abs));
    }
    Path name = abs.getFileName();
    Path parent = abs.getParent();
    if (name == null || parent == null || name.toString().equals("..")) {
      throw new Refused(dir, "is not a folder name");
    }
    createParents(dir, parent, created);
    try {
      return parent.toRealPath().resolve(name.toString());
    } catch (IOException e) {
      throw new Refused(dir, "cannot be resolved (" + reason(e) + ")");
    }
  }

  /** Creates the missing folders above the output folder, recording them (outermost first). */
  private static void createParents(Path dir, Path parent, List<Path> created) {
    List<Path> missing = new ArrayList<>();
    Path p = parent;
    while (p != null && !Files.exists(p)) {
      if (Files.isSymbolicLink(p)) {
        throw new Refused(dir, p + " " + brokenLink(p));
      }
      missing.add(0, p);
      p = p.getParent();
    }
    if (p != null && !Files.isDirectory(p)) {
      throw new Refused(dir, p + " " + notAFolder(p));
    }
    for (Path m : missing) {
      try {
        Files.createDirectory(m);
        created.add(m);
      } catch (FileAlreadyExistsException e) {
        if (!Files.isDirectory(m)) {
          deleteCreated(created);
          throw new Refused(dir, m + " " + notAFolder(m));
        }
      } catch (IOException e) {
        deleteCreated(created);
        throw new Refused(dir, "cannot create " + m + " (" + reason(e) + ")");
      }
    }
  }

  private static String notAFolder(Path p) {
    if (Files.isRegularFile(p)) {
      return "is a file, not a folder";
    }
    return "is not a folder (a device or other special file)";
  }

  private static String brokenLink(Path link) {
    String to;
    try {
      to = Files.readSymbolicLink(link).toString();
    } catch (IOException e) {
      to = "?";
    }
    try {
      link.toRealPath();
      return "is a symbolic link to " + to + ", which cannot be used";
    } catch (NoSuchFileException e) {
      return "is a symbolic link to " + to + ", which does not exist";
    } catch (IOException e) {
      return "is a symbolic link that leads back to itself (a loop)";
    }
  }

  private static Refused busy(Path dir, Path lockPath) {
    return new Refused(
        dir,
        "another firedrill run is writing there (it holds "
            + lockPath.getFileName()
            + "); wait for it to finish or choose another --out");
  }

  /**
   * After a killed run: deletes its staging folder; restores its old folder if the new one never
   * took its place, else deletes it.
   */
  private static void recover(Path dir, Path parent, String name, Path target) {
    String stagingPrefix = "." + name + ".firedrill-staging-";
    String oldPrefix = "." + name + ".firedrill-old-";
    List<Path> staging = new ArrayList<>();
    List<Path> old = new ArrayList<>();
    try (Stream<Path> entries = Files.list(parent)) {
      for (Path e : (Iterable<Path>) entries::iterator) {
        String n = e.getFileName().toString();
        if (n.startsWith(stagingPrefix)) {
          staging.add(e);
        } else if (n.startsWith(oldPrefix)) {
          old.add(e);
        }
      }
    } catch (IOException e) {
      throw new Refused(dir, "cannot list " + parent + " (" + reason(e) + ")");
    }
    staging.forEach(AtomicFiles::deleteTree);
    old.sort(null);
    for (Path o : old) {
      if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS) && Files.isDirectory(o)) {
        try {
          move(o, target);
          continue;
        } catch (IOException e) {
          throw new Refused(
              dir, "cannot restore the previous results from " + o + " (" + reason(e) + ")");
        }
      }
      deleteTree(o);
    }
  }

  /** The first entry of {@code folder} (sorted) that firedrill did not write; null if none. */
  private static String foreignEntry(Path folder) {
    if (!Files.isDirectory(folder)) {
      return null;
    }
    Set<String> listed = new HashSet<>(KNOWN_OUTPUTS);
    Path marker = folder.resolve(MARKER);
    if (Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
      try {
        List<String> lines = Files.readAllLines(marker, StandardCharsets.UTF_8);
        listed.addAll(lines);
      } catch (IOException e) {
        // An unreadable marker lists nothing beyond the known names.
      }
    }
    TreeSet<String> foreign = new TreeSet<>();
    try (Stream<Path> entries = Files.list(folder)) {
      for (Path e : (Iterable<Path>) entries::iterator) {
        String n = e.getFileName().toString();
        boolean file = Files.isRegularFile(e, LinkOption.NOFOLLOW_LINKS);
        boolean ours =
            n.equals(MARKER)
                || listed.contains(n)
                || OS_METADATA.contains(n)
                || n.startsWith("._")
                || (n.startsWith(".") && n.endsWith(".tmp") && listed.contains(tmpName(n)));
        if (!ours || !file) {
          foreign.add(
              file ? n : n + " (" + (Files.isDirectory(e) ? "a folder" : "not a file") + ")");
        }
      }
    } catch (IOException e) {
      return "files that cannot be listed (" + reason(e) + ")";
    }
    return foreign.isEmpty() ? null : foreign.first();
  }

  /** "summary.csv" of an older version's temporary ".summary.csv.tmp". */
  private static String tmpName(String n) {
    return n.substring(1, n.length() - ".tmp".length());
  }

  private static Set<String> knownOutputs() {
    Set<String> s = new HashSet<>();
    for (String csv :
        List.of("summary", "causes", "outages", "trials", "recovery", "sites", "sweep", "size")) {
      s.add(csv + ".csv");
    }
    s.add("run.json");
    for (String chart :
        List.of(
            "user-hours-exceedance", "outage-durations", "causes", "recovery", "sites", "sweep")) {
      s.add(chart + ".png");
      s.add(chart + ".svg");
    }
    return Set.copyOf(s);
  }

  private static Path createUnique(Path dir, Path parent, String prefix) {
    for (int attempt = 0; ; attempt++) {
      Path p = uniqueName(parent, prefix);
      try {
        return Files.createDirectory(p);
      } catch (FileAlreadyExistsException e) {
        if (attempt > 10) {
          throw new Refused(dir, "cannot create a staging folder in " + parent);
        }
      } catch (IOException e) {
        throw new Refused(dir, "cannot write in " + parent + " (" + reason(e) + ")");
      }
    }
  }

  private static Path uniqueName(Path parent, String prefix) {
    return parent.resolve(
        prefix + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE).toLowerCase(Locale.ROOT));
  }

  // ---- file system steps

  /** A rename; replaceable by tests, which make the swap fail. */
  interface Mover {
    void move(Path from, Path to) throws IOException;
  }

  static volatile Mover mover = (from, to) -> Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);

  private static void move(Path from, Path to) throws IOException {
    mover.move(from, to);
  }

  /** fsync of a file. */
  private static void force(Path file) throws IOException {
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
      c.force(true);
    }
  }

  /** fsync of a folder, where the platform allows it (Linux and macOS do; Windows does not). */
  private static void forceFolder(Path folder) {
    try (FileChannel c = FileChannel.open(folder, StandardOpenOption.READ)) {
      c.force(true);
    } catch (IOException e) {
      // Not supported here: the renames are still atomic, only their durability is the OS's.
    }
  }

  /** Deletes a tree this class created, without following symbolic links; best effort. */
  static void deleteTree(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.deleteIfExists(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // Best effort: what is left is hidden, and the next run into the folder deletes it.
    }
  }

  private static void deleteCreated(List<Path> created) {
    for (int i = created.size() - 1; i >= 0; i--) {
      try {
        Files.deleteIfExists(created.get(i));
      } catch (IOException e) {
        // Not empty: someone else wrote there meanwhile; leave it.
      }
    }
  }

  private static void release(
      FileChannel channel, FileLock lock, Path lockPath, List<Path> created) {
    try {
      if (lockPath != null && !created.isEmpty() && lockPath.getParent().equals(last(created))) {
        // The lock file sits in a folder this run created and is about to delete.
        Files.deleteIfExists(lockPath);
      }
    } catch (IOException e) {
      // Leave it.
    }
    try {
      if (lock != null) {
        lock.release();
      }
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      // Closing the channel releases the lock in any case.
    }
    if (lockPath != null) {
      HELD.remove(lockPath);
    }
    deleteCreated(created);
  }

  private static Path last(List<Path> created) {
    return created.get(created.size() - 1);
  }

  /**
   * What went wrong in an I/O call, in words and without Java class names: "permission denied", "no
   * such file or folder", or the system's own reason ("No space left on device").
   */
  public static String reason(Throwable e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "a file of that name exists";
    }
    if (e instanceof java.nio.file.NotDirectoryException) {
      return "not a folder";
    }
    if (e instanceof java.nio.file.DirectoryNotEmptyException) {
      return "the folder is not empty";
    }
    if (e instanceof java.nio.charset.CharacterCodingException) {
      return "not UTF-8 text";
    }
    if (e instanceof InvalidPathException) {
      return "the name cannot be represented in the system's encoding; use a UTF-8 locale";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    if (e.getCause() instanceof IOException cause && cause != e) {
      // A library's wrapper ("I/O error writing PNG file!") around the system's reason.
      return reason(cause);
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? "input/output error" : m.strip();
  }
}
