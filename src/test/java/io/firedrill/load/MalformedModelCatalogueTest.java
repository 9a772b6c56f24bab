package io.firedrill.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.firedrill.cli.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The catalogue of malformed models in {@code src/test/resources/malformed}: one defect each.
 *
 * <p>Each file marks its defect with a comment line {@code # ^ key.path} whose caret stands under
 * the exact column of the line above. Files where a comment cannot say it (empty, binary, broken
 * YAML) are listed in {@code index.txt} as {@code FILE LINE:COL PATH [message words]}. Every case
 * must exit 2 with exactly one error line at that position and no stack trace.
 */
class MalformedModelCatalogueTest {
  private static final Path DIR = Path.of("src/test/resources/malformed");

  /** Where a case's one defect is, and words its message must contain. */
  record Expected(int line, int column, String path, String words) {}

  @TestFactory
  Stream<DynamicTest> everyCase_exitsTwoWithOneLineAtTheDefect() throws IOException {
    Map<String, Expected> expected = expectations();
    return expected.entrySet().stream()
        .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> check(e.getKey(), e.getValue())));
  }

  @Test
  void catalogue_hasAtLeastThirtyCases_andEachFileHasAnExpectation() throws IOException {
    Map<String, Expected> expected = expectations();
    try (Stream<Path> files = Files.list(DIR)) {
      List<String> yaml =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".yaml"))
              .sorted()
              .toList();
      for (String name : yaml) {
        assertTrue(expected.containsKey(name), name + " has no caret line and no index entry");
      }
      assertTrue(yaml.size() >= 30, "only " + yaml.size() + " cases");
    }
  }

  private static void check(String name, Expected want) {
    String file = DIR.resolve(name).toString();
    Cli.Result r = Cli.run("validate", file);
    assertEquals(2, r.code(), r::toString);
    assertEquals("", r.out(), "nothing on stdout for a bad model");
    assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r::toString);
    List<String> lines = r.errLines();
    assertEquals(1, lines.size(), () -> "one defect, one line:\n" + r.err());
    String prefix =
        file
            + ":"
            + want.line()
            + ":"
            + want.column()
            + ": "
            + (want.path().equals("-") ? "" : want.path() + ": ");
    assertTrue(
        lines.get(0).startsWith(prefix),
        () -> "expected prefix " + prefix + "\n got " + lines.get(0));
    if (!want.words().isEmpty()) {
      assertTrue(
          lines.get(0).contains(want.words()),
          () -> "expected '" + want.words() + "' in " + lines.get(0));
    }
  }

  /** Caret comments in the files, then the index for the rest. */
  static Map<String, Expected> expectations() throws IOException {
    Map<String, Expected> out = new HashMap<>();
    for (String row : Files.readAllLines(DIR.resolve("index.txt"))) {
      if (row.isBlank()) {
        continue;
      }
      String[] f = row.split(" ", 4);
      String[] lc = f[1].split(":");
      out.put(
          f[0],
          new Expected(
              Integer.parseInt(lc[0]), Integer.parseInt(lc[1]), f[2], f.length > 3 ? f[3] : ""));
    }
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path p : files.filter(x -> x.toString().endsWith(".yaml")).toList()) {
        byte[] bytes = Files.readAllBytes(p);
        List<String> lines =
            new ArrayList<>(new String(bytes, StandardCharsets.ISO_8859_1).lines().toList());
        for (int i = 1; i < lines.size(); i++) {
          String l = lines.get(i);
          if (l.matches("# *\\^ \\S+")) {
            out.putIfAbsent(
                p.getFileName().toString(),
                new Expected(i, l.indexOf('^') + 1, l.substring(l.indexOf('^') + 2).strip(), ""));
          }
        }
      }
    }
    return out;
  }
}
