package io.firedrill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the package graph one-way: each top-level package of {@code io.firedrill} may use only the
 * packages listed for it in {@link #ALLOWED} (docs/architecture.md draws the same graph).
 *
 * <p>A use is any {@code io.firedrill.NAME} in code, in an import or a fully qualified name, once
 * comments and string literals are removed; a subpackage ({@code load.yaml}) belongs to its
 * top-level package. A new package must be added to the table, and every package must have a {@code
 * package-info.java} that states its job.
 */
class PackageDependencyTest {

  /** Package → the packages it may use (besides itself). The graph has no cycle. */
  static final Map<String, Set<String>> ALLOWED =
      Map.of(
          "dist", Set.of(),
          "model", Set.of("dist"),
          "load", Set.of("model", "dist"),
          "plan", Set.of("model", "dist"),
          "stats", Set.of("plan"),
          "engine", Set.of("plan", "stats"),
          "run", Set.of("engine", "plan", "stats"),
          "study", Set.of("run", "plan", "load", "model", "stats", "dist"),
          "report", Set.of("study", "run", "stats", "plan", "load", "model", "dist"),
          "cli",
              Set.of("report", "study", "run", "engine", "plan", "load", "model", "stats", "dist"));

  private static final Path SOURCES = Path.of("src/main/java/io/firedrill");
  private static final Pattern USE = Pattern.compile("\\bio\\.firedrill\\.([a-z][a-z0-9_]*)");

  @Test
  void everyUseFollowsTheTable() throws IOException {
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String own = SOURCES.relativize(file).getName(0).toString();
        violations.addAll(violations(own, file.toString(), Files.readString(file)));
      }
    }
    assertEquals(List.of(), violations, "uses that break the package graph");
  }

  @Test
  void everyPackageIsInTheTableAndStatesItsJob() throws IOException {
    Set<String> found = new TreeSet<>();
    List<String> undocumented = new ArrayList<>();
    try (Stream<Path> dirs = Files.walk(SOURCES)) {
      for (Path dir : dirs.filter(Files::isDirectory).filter(d -> !d.equals(SOURCES)).toList()) {
        boolean hasSources;
        try (Stream<Path> f = Files.list(dir)) {
          hasSources = f.anyMatch(p -> p.toString().endsWith(".java"));
        }
        if (!hasSources) {
          continue;
        }
        found.add(SOURCES.relativize(dir).getName(0).toString());
        Path info = dir.resolve("package-info.java");
        if (!Files.exists(info) || !Files.readString(info).contains("/**")) {
          undocumented.add(SOURCES.relativize(dir).toString());
        }
      }
    }
    assertEquals(new TreeSet<>(ALLOWED.keySet()), found, "packages on disk against the table");
    assertEquals(List.of(), undocumented, "packages without a package-info.java docstring");
  }

  @Test
  void theCheckCatchesAnImportAndAFullyQualifiedName() {
    String source =
        "package io.firedrill.stats;\n"
            + "import io.firedrill.plan.Plan;\n"
            + "import io.firedrill.report.Charts; // a comment naming io.firedrill.cli\n"
            + "/** See {@link io.firedrill.engine.Kernel}. */\n"
            + "class X { void f(io.firedrill.engine.Kernel k) { String s = \"io.firedrill.cli\"; } }\n";
    assertEquals(
        List.of("X.java: stats uses report", "X.java: stats uses engine"),
        violations("stats", "X.java", source));
  }

  @Test
  void theTableHasNoCycle() {
    for (String start : ALLOWED.keySet()) {
      assertTrue(!reaches(start, start, new TreeSet<>()), start + " reaches itself");
    }
  }

  private static boolean reaches(String from, String target, Set<String> seen) {
    for (String next : ALLOWED.get(from)) {
      if (next.equals(target) || (seen.add(next) && reaches(next, target, seen))) {
        return true;
      }
    }
    return false;
  }

  /** The uses in {@code source} that package {@code own} may not make, one line each. */
  static List<String> violations(String own, String name, String source) {
    List<String> out = new ArrayList<>();
    Matcher m = USE.matcher(withoutCommentsAndStrings(source));
    Set<String> allowed = ALLOWED.getOrDefault(own, Set.of());
    Set<String> reported = new TreeSet<>();
    while (m.find()) {
      String used = m.group(1);
      if (!used.equals(own) && !allowed.contains(used) && reported.add(used)) {
        out.add(name + ": " + own + " uses " + used);
      }
    }
    return out;
  }

  /** The source with comments, string and character literals blanked out (text blocks too). */
  static String withoutCommentsAndStrings(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
        while (i < n && s.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
        int end = s.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
        out.append(' ');
      } else if (s.startsWith("\"\"\"", i)) {
        int end = s.indexOf("\"\"\"", i + 3);
        i = end < 0 ? n : end + 3;
        out.append("\"\"");
      } else if (c == '"' || c == '\'') {
        i++;
        while (i < n && s.charAt(i) != c && s.charAt(i) != '\n') {
          i += s.charAt(i) == '\\' ? 2 : 1;
        }
        i++;
        out.append(c).append(c);
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
