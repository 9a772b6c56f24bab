package io.firedrill.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.firedrill.run.Cancellation;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output folder is replaced as a whole: the previous set or the new one, never a mix; what is
 * not firedrill's is refused and left alone; a failed, stopped or killed run leaves the previous
 * set as it was and nothing of its own.
 */
class AtomicFilesTest {
  @TempDir Path tmp;

  @AfterEach
  void reset() {
    AtomicFiles.mover =
        (from, to) -> Files.move(from, to, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** Writes {@code files} (name → content) as one set into {@code dir}. */
  static void writeSet(Path dir, Map<String, String> files) throws IOException {
    try (AtomicFiles out = AtomicFiles.prepare(dir)) {
      for (Map.Entry<String, String> f : files.entrySet()) {
        try (Writer w = out.open(f.getKey())) {
          w.write(f.getValue());
        }
      }
      out.commit();
    }
  }

  /** Every entry of {@code dir} with its content ("/" for folders). */
  static Map<String, String> contents(Path dir) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        m.put(p.getFileName().toString(), Files.isDirectory(p) ? "/" : Files.readString(p));
      }
    }
    return m;
  }

  static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void commit_replacesTheWholeSet_filesNotWrittenAgainAreGone() throws Exception {
    Path out = tmp.resolve("out");
    writeSet(out, Map.of("summary.csv", "a", "outages.csv", "a", "trials.csv", "a"));
    writeSet(out, Map.of("summary.csv", "b"));
    assertEquals(List.of(".firedrill", "summary.csv"), names(out));
    assertEquals("b", Files.readString(out.resolve("summary.csv")));
    assertTrue(Files.readString(out.resolve(".firedrill")).endsWith("\nsummary.csv\n"));
    // Beside the folder: only the lock file, no staging or old folder.
    assertEquals(List.of(".out.firedrill.lock", "out"), names(tmp));
  }

  @Test
  void failedSwap_leavesThePreviousSetIntact_andNoStagingFolder() throws Exception {
    Path out = tmp.resolve("out");
    writeSet(out, Map.of("summary.csv", "old", "run.json", "{\"seed\": 1}"));
    Map<String, String> before = contents(out);
    AtomicFiles.mover =
        (from, to) -> {
          if (from.getFileName().toString().contains("staging")) {
            throw new IOException("simulated failure of the rename");
          }
          Files.move(from, to, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        };
    IOException e =
        assertThrows(IOException.class, () -> writeSet(out, Map.of("summary.csv", "new")));
    assertEquals("simulated failure of the rename", e.getMessage());
    assertEquals(before, contents(out));
    assertEquals(List.of(".out.firedrill.lock", "out"), names(tmp));
  }

  @Test
  void fileAppearingDuringTheRun_failsTheCommit_andThePreviousSetStays() throws Exception {
    Path out = tmp.resolve("out");
    writeSet(out, Map.of("summary.csv", "old"));
    try (AtomicFiles files = AtomicFiles.prepare(out)) {
      try (Writer w = files.open("summary.csv")) {
        w.write("new");
      }
      Files.writeString(out.resolve("notes.txt"), "mine");
      IOException e = assertThrows(IOException.class, files::commit);
      assertTrue(e.getMessage().contains("notes.txt appeared there during the run"), e::getMessage);
    }
    assertEquals("old", Files.readString(out.resolve("summary.csv")));
    assertEquals("mine", Files.readString(out.resolve("notes.txt")));
    assertEquals(List.of(".out.firedrill.lock", "out"), names(tmp));
  }

  @Test
  void foreignFile_isRefusedByName_andLeftUntouched() throws Exception {
    Path out = Files.createDirectory(tmp.resolve("out"));
    Files.writeString(out.resolve("summary.csv"), "an older result");
    Files.writeString(out.resolve("thesis.tex"), "years of work");
    AtomicFiles.Refused e = assertThrows(AtomicFiles.Refused.class, () -> AtomicFiles.prepare(out));
    assertEquals(
        out
            + ": holds thesis.tex, which firedrill did not write; firedrill replaces the whole"
            + " folder, so move it away or choose another --out",
        e.getMessage());
    assertEquals(
        Map.of("summary.csv", "an older result", "thesis.tex", "years of work"), contents(out));
    assertEquals(List.of(".out.firedrill.lock", "out"), names(tmp));
  }

  @Test
  void folderNamedLikeAnOutput_isRefused() throws Exception {
    Path out = Files.createDirectory(tmp.resolve("out"));
    Files.createDirectory(out.resolve("summary.csv"));
    AtomicFiles.Refused e = assertThrows(AtomicFiles.Refused.class, () -> AtomicFiles.prepare(out));
    assertTrue(e.getMessage().contains("holds summary.csv (a folder)"), e::getMessage);
  }

  @Test
  void olderVersionsFolder_withTemporaryFiles_isReplaced() throws Exception {
    Path out = Files.createDirectory(tmp.resolve("out"));
    for (String f :
        List.of("summary.csv", "causes.csv", "run.json", "causes.png", ".summary.csv.tmp")) {
      Files.writeString(out.resolve(f), "old");
    }
    writeSet(out, Map.of("summary.csv", "new"));
    assertEquals(List.of(".firedrill", "summary.csv"), names(out));
  }

  @Test
  void filesADesktopAddsToAFolder_doNotStopTheNextRun() throws Exception {
    Path out = tmp.resolve("out");
    writeSet(out, Map.of("summary.csv", "a"));
    for (String f : List.of(".DS_Store", "._summary.csv", "Thumbs.db", "desktop.ini")) {
      Files.writeString(out.resolve(f), "metadata");
    }
    writeSet(out, Map.of("summary.csv", "b"));
    assertEquals(List.of(".firedrill", "summary.csv"), names(out));
  }

  @Test
  void fileListedInTheMarker_isFiredrills() throws Exception {
    Path out = tmp.resolve("out");
    writeSet(out, Map.of("future-output.txt", "written by a later version"));
    writeSet(out, Map.of("summary.csv", "b"));
    assertEquals(List.of(".firedrill", "summary.csv"), names(out));
  }

  @Test
  void secondSetIntoTheSameFolder_isRefusedWhileTheFirstIsOpen() throws Exception {
    Path out = tmp.resolve("out");
    try (AtomicFiles first = AtomicFiles.prepare(out)) {
      AtomicFiles.Refused e =
          assertThrows(AtomicFiles.Refused.class, () -> AtomicFiles.prepare(out));
      assertEquals(
          out
              + ": another firedrill run is writing there (it holds .out.firedrill.lock); wait"
              + " for it to finish or choose another --out",
          e.getMessage());
      try (Writer w = first.open("summary.csv")) {
        w.write("first");
      }
      first.commit();
    }
    writeSet(out, Map.of("summary.csv", "second"));
    assertEquals("second", Files.readString(out.resolve("summary.csv")));
  }

  @Test
  void leftoversOfAKilledRun_areCleanedUp_orTheOldSetRestored() throws Exception {
    Path out = tmp.resolve("out");
    writeSet(out, Map.of("summary.csv", "old"));
    // Killed between the two renames: the old set aside, no folder, a staging folder.
    Path aside = tmp.resolve(".out.firedrill-old-1234");
    Files.move(out, aside);
    Path staging = Files.createDirectory(tmp.resolve(".out.firedrill-staging-5678"));
    Files.writeString(staging.resolve("summary.csv"), "half");
    try (AtomicFiles files = AtomicFiles.prepare(out)) {
      assertEquals("old", Files.readString(out.resolve("summary.csv")));
      assertFalse(Files.exists(aside));
      assertFalse(Files.exists(staging));
    }
    // Killed after the new set was in place: the old folder is deleted.
    Path stale = Files.createDirectory(tmp.resolve(".out.firedrill-old-9abc"));
    Files.writeString(stale.resolve("summary.csv"), "older");
    writeSet(out, Map.of("summary.csv", "new"));
    assertEquals("new", Files.readString(out.resolve("summary.csv")));
    assertEquals(List.of(".out.firedrill.lock", "out"), names(tmp));
  }

  @Test
  void stopRequested_refusesTheNextFile_andCloseLeavesNothing() throws Exception {
    Path out = tmp.resolve("a/b/out");
    Cancellation stopRequest = new Cancellation();
    try (AtomicFiles files = AtomicFiles.prepare(out, stopRequest)) {
      try (Writer w = files.open("summary.csv")) {
        w.write("x");
      }
      stopRequest.cancel();
      Cancellation.Stopped e =
          assertThrows(Cancellation.Stopped.class, () -> files.open("causes.csv"));
      assertEquals("stopped before the results were complete; nothing was written", e.getMessage());
      assertThrows(Cancellation.Stopped.class, files::commit);
    }
    // The folders this run created are gone with the staging folder.
    assertEquals(List.of(), names(tmp));
  }

  @Test
  void abandonAll_deletesStagingFolders_andCreatedFolders() throws Exception {
    Path out = tmp.resolve("new/out");
    AtomicFiles files = AtomicFiles.prepare(out);
    try (Writer w = files.open("summary.csv")) {
      w.write("x");
    }
    AtomicFiles.abandonAll();
    assertEquals(List.of(), names(tmp));
    files.close();
    assertThrows(IllegalStateException.class, () -> files.path("causes.csv"));
  }

  @Test
  void notAFolder_isRefusedSayingWhatItIs() throws Exception {
    Path file = Files.writeString(tmp.resolve("file"), "x");
    Path dangling = Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("nowhere"));
    Path loop = Files.createSymbolicLink(tmp.resolve("loop"), tmp.resolve("loop"));
    Map<Path, String> cases = new TreeMap<>();
    cases.put(file, "is a file, not a folder");
    cases.put(file.resolve("sub"), file + " is a file, not a folder");
    cases.put(Path.of("/dev/null"), "is not a folder (a device or other special file)");
    cases.put(
        dangling, "is a symbolic link to " + tmp.resolve("nowhere") + ", which does not exist");
    cases.put(loop, "is a symbolic link that leads back to itself (a loop)");
    cases.put(loop.resolve("sub"), loop + " is a symbolic link that leads back to itself (a loop)");
    cases.put(Path.of("/"), "the root folder cannot be an output folder");
    for (Map.Entry<Path, String> c : cases.entrySet()) {
      AtomicFiles.Refused e =
          assertThrows(AtomicFiles.Refused.class, () -> AtomicFiles.prepare(c.getKey()));
      assertEquals(c.getKey() + ": " + c.getValue(), e.getMessage());
    }
    assertEquals(List.of("dangling", "file", "loop"), names(tmp));
  }

  @Test
  void symbolicLinkToAFolder_replacesTheFolderItNames() throws Exception {
    Path real = tmp.resolve("real");
    writeSet(real, Map.of("summary.csv", "old"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
    writeSet(link, Map.of("summary.csv", "new"));
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("new", Files.readString(link.resolve("summary.csv")));
    assertEquals("new", Files.readString(real.resolve("summary.csv")));
  }

  @Test
  void parentWithoutWritePermission_isRefused() throws Exception {
    assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere");
    Path parent = Files.createDirectory(tmp.resolve("locked"));
    Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      AtomicFiles.Refused e =
          assertThrows(AtomicFiles.Refused.class, () -> AtomicFiles.prepare(parent.resolve("out")));
      assertEquals(
          parent.resolve("out") + ": cannot create files in " + parent + " (permission denied)",
          e.getMessage());
    } finally {
      Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void writeFailure_isOneLineNamingTheFolderAndTheSystemsReason() throws Exception {
    Path out = tmp.resolve("out");
    try (AtomicFiles files = AtomicFiles.prepare(out)) {
      Exception e =
          files.failed(
              new javax.imageio.IIOException(
                  "I/O error writing PNG file!", new IOException("No space left on device")));
      assertEquals(
          "cannot write the results to "
              + out
              + ": No space left on device; nothing was written, the previous results are as they"
              + " were",
          e.getMessage());
      Cancellation.Stopped stop = new Cancellation.Stopped("before the results were complete");
      assertEquals(stop, files.failed(stop));
    }
  }

  @Test
  void stickyParent_anotherUsersFolder_isRefusedUpFront_ownAndRootAreNot() {
    Path tmpLike = Path.of("/tmp");
    // /tmp is drwxrwxrwt (01777), owned by root (0); the folder by user 1000; we are user 2000.
    assertEquals(
        "belongs to another user in /tmp, a folder with the sticky bit: firedrill could not"
            + " replace it; choose another --out",
        AtomicFiles.stickyRefusal(tmpLike, 01777, 2000, 1000, 0));
    assertEquals(null, AtomicFiles.stickyRefusal(tmpLike, 01777, 1000, 1000, 0), "its owner");
    assertEquals(null, AtomicFiles.stickyRefusal(tmpLike, 01777, 0, 1000, 0), "root");
    assertEquals(null, AtomicFiles.stickyRefusal(tmpLike, 0777, 2000, 1000, 0), "no sticky bit");
  }
}
