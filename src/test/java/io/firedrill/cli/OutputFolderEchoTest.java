package io.firedrill.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folder a command wrote is echoed escaped: an escape sequence or a bidirectional override in
 * {@code --out} must not recolour or reorder the terminal (found by a hostile try: run and scenario
 * printed it raw, while their error messages escaped it).
 */
class OutputFolderEchoTest {
  @Test
  void wrote_escapesControlAndBidiCharacters(@TempDir Path tmp) {
    Path out = tmp.resolve("\u001b[31mred\u202e");
    Cli.Result r =
        Cli.run(
            "run",
            "models/three-site-example.yaml",
            "--trials",
            "100",
            "--charts",
            "none",
            "--out",
            out.toString());
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("wrote " + tmp + "/\\e[31mred\\u202e\n"), r.out());
    assertTrue(r.out().chars().noneMatch(c -> c == 0x1b || c == 0x202e), r.out());
  }
}
