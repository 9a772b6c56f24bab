package io.firedrill.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The model's values do not depend on how a model is loaded, and the YAML reader does not depend on
 * what a model is: {@code model} names nothing of {@code load}, {@code load.yaml} nothing of {@code
 * load} or {@code model}. Imports, fully qualified names and comments all count.
 */
class LoadLayersTest {
  private static final Path SOURCES = Path.of("src/main/java/io/firedrill");

  @Test
  void model_namesNothingOfLoad() throws IOException {
    assertEquals(List.of(), offending("model", Pattern.compile("io\\.firedrill\\.load\\b")));
  }

  @Test
  void yamlReader_namesNothingOfLoadOrModel() throws IOException {
    assertEquals(
        List.of(),
        offending("load/yaml", Pattern.compile("io\\.firedrill\\.(model|load\\.(?!yaml\\b)\\w+)")));
  }

  /** The lines of the package's sources that match {@code forbidden}, as FILE:LINE: TEXT. */
  private static List<String> offending(String pkg, Pattern forbidden) throws IOException {
    try (Stream<Path> files = Files.list(SOURCES.resolve(pkg))) {
      return files
          .filter(f -> f.toString().endsWith(".java"))
          .sorted()
          .flatMap(
              f -> {
                try {
                  List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                  return java.util.stream.IntStream.range(0, lines.size())
                      .filter(i -> forbidden.matcher(lines.get(i)).find())
                      .mapToObj(i -> f.getFileName() + ":" + (i + 1) + ": " + lines.get(i).strip());
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .toList();
    }
  }
}
