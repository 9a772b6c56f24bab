package io.firedrill.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The tables of keys in docs/model-format.md are those {@link ModelSchema} produces, so that the
 * reference cannot drift from the format the loader reads.
 *
 * <p>After a change to the schema, {@code mvn -B -ntp -q test -Dtest=ModelFormatDocTest
 * -Dfiredrill.rewriteDocs=true} rewrites the tables in place (the prose around them is kept).
 */
class ModelFormatDocTest {
  static final Path DOC = Path.of("docs/model-format.md");

  /** Whether this run rewrites the generated files instead of comparing them. */
  static boolean rewrite() {
    return Boolean.getBoolean("firedrill.rewriteDocs");
  }

  @Test
  void everyTableOfKeys_isTheOneModelSchemaProduces() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    String expected = withTables(doc);
    if (rewrite() && !expected.equals(doc)) {
      Files.writeString(DOC, expected, StandardCharsets.UTF_8);
      doc = expected;
    }
    for (SectionSpec s : ModelSchema.sections()) {
      assertEquals(
          SchemaExport.table(s),
          between(doc, s),
          "docs/model-format.md: the table of "
              + s.id()
              + " differs from ModelSchema; rewrite it"
              + " with -Dfiredrill.rewriteDocs=true");
    }
    assertEquals(expected, doc);
  }

  @Test
  void everySection_hasOneTable() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    for (SectionSpec s : ModelSchema.sections()) {
      int first = doc.indexOf(SchemaExport.begin(s));
      assertTrue(first >= 0, "no table of " + s.id() + " in docs/model-format.md");
      assertEquals(-1, doc.indexOf(SchemaExport.begin(s), first + 1), "two tables of " + s.id());
    }
  }

  /** {@code doc} with the text between each pair of markers replaced by the section's table. */
  static String withTables(String doc) {
    String out = doc;
    for (SectionSpec s : ModelSchema.sections()) {
      int from = out.indexOf(SchemaExport.begin(s));
      int to = out.indexOf(SchemaExport.end(s));
      if (from < 0 || to < from) {
        continue; // everySection_hasOneTable says so
      }
      int start = from + SchemaExport.begin(s).length() + 1;
      out = out.substring(0, start) + SchemaExport.table(s) + out.substring(to);
    }
    return out;
  }

  private static String between(String doc, SectionSpec s) {
    int from = doc.indexOf(SchemaExport.begin(s));
    int to = doc.indexOf(SchemaExport.end(s));
    return from < 0 || to < from
        ? ""
        : doc.substring(from + SchemaExport.begin(s).length() + 1, to);
  }
}
