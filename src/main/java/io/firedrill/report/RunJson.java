package io.firedrill.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code run.json} of every simulating command (docs/outputs.md): what was run, with which
 * versions, and how long it took.
 */
public final class RunJson {
  private RunJson() {}

  /** Writes {@code fields} in their order, then {@code versions}, as indented JSON. */
  public static void write(Writer out, Map<String, Object> fields) throws IOException {
    Map<String, Object> all = new LinkedHashMap<>(fields);
    all.put("versions", versions());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, all);
  }

  /** The versions of firedrill, Java and the libraries it was built with. */
  public static Map<String, String> versions() {
    Map<String, String> v = new LinkedHashMap<>();
    Properties p = new Properties();
    try (InputStream in = RunJson.class.getResourceAsStream("/io/firedrill/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // Versions are informative; a missing file leaves them out.
    }
    v.put("firedrill", p.getProperty("version", "unknown"));
    v.put("java", System.getProperty("java.version"));
    for (String k :
        List.of(
            "commons-rng",
            "commons-statistics",
            "commons-math3",
            "commons-csv",
            "xchart",
            "picocli",
            "jackson")) {
      v.put(k, p.getProperty(k, "unknown"));
    }
    return v;
  }
}
