package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures are told in words, in one line: never a Java class name, never the bare "Input length =
 * 1" of a decoder.
 */
class MessagesTest {
  @TempDir Path tmp;

  @Test
  void ioFailures_areDescribedInWords() {
    assertEquals("/x: permission denied", Firedrill.describe(new AccessDeniedException("/x")));
    assertEquals(
        "/x: No space left on device",
        Firedrill.describe(new FileSystemException("/x", null, "No space left on device")));
    assertEquals("not UTF-8 text", Firedrill.describe(new MalformedInputException(1)));
  }

  @Test
  void failureWithoutMessage_saysWhereInsteadOfItsClassName() {
    String line = Firedrill.describe(new NullPointerException());
    assertTrue(line.startsWith("internal error at MessagesTest.java:"), line);
    assertTrue(line.endsWith("; please report it with the command line"), line);
    assertFalse(line.contains("Exception"), line);
  }

  @Test
  void csvThatIsNotUtf8_isOneLineInWords() throws Exception {
    Path csv = tmp.resolve("latin1.csv");
    Files.write(csv, new byte[] {'x', '\n', '1', '\n', '2', '\n', '3', '\n', (byte) 0xe9, '\n'});
    Cli.Result r = Cli.run("fit", csv.toString(), "--column", "x");
    assertEquals(2, r.code(), r::toString);
    assertEquals(
        List.of(
            "firedrill fit: "
                + csv
                + ":5:1: not UTF-8 text (save the file as UTF-8; in Excel: CSV UTF-8)"),
        r.errLines());
  }

  @Test
  void failedWrite_isTheFoldersLine() throws Exception {
    Path out = tmp.resolve("X");
    try (io.firedrill.report.AtomicFiles files = io.firedrill.report.AtomicFiles.prepare(out)) {
      Exception e = files.failed(new java.io.IOException("No space left on device"));
      assertEquals(
          "cannot write the results to "
              + out
              + ": No space left on device; nothing was written, the previous results are as they"
              + " were",
          Firedrill.describe(e));
    }
  }
}
