package io.firedrill.report;

import io.firedrill.dist.UserText;
import io.firedrill.load.ModelLoader;
import io.firedrill.load.SchemaText;
import io.firedrill.model.Model;
import io.firedrill.model.Service;
import java.util.List;
import java.util.Map;

/**
 * The description {@code firedrill validate} prints: what the model says, in the model's own
 * syntax, so that a reader can check it against intent without opening the file. Each section's
 * lines come from the declared schema ({@link SchemaText}): the keys given, the defaults taken and
 * what the keys left out mean, so that a key added to the format is described without a change
 * here. This class adds the header and the order: grids, networks, sites, then services in
 * dependency order (each after what it requires), then cost.
 */
public final class ModelDescription {
  private ModelDescription() {}

  /** The model's description line and each --set echoed are cut to this many characters. */
  private static final int LONGEST_LINE = 200;

  /** The collections of named definitions, in the order they are printed, with their headings. */
  private static final String[][] COLLECTIONS = {
    {"grids", "grids"},
    {"networks", "networks"},
    {"common_cause", "common-cause events"},
    {"sites", "sites"},
    {"services", "services, in dependency order"}
  };

  /** Describes a loaded model, with its source and overrides. */
  public static String describe(ModelLoader.Loaded loaded) {
    Model m = loaded.model();
    SchemaText.Text text = SchemaText.of(loaded);
    StringBuilder b = new StringBuilder();
    b.append(m.name()).append(" is valid");
    // The model's own text, on one line: a tab or an escape in it must not reach the terminal.
    String summary = UserText.bounded(firstLine(m.description()), LONGEST_LINE);
    b.append(summary.isEmpty() ? "" : ": " + summary).append('\n');
    b.append("  from ").append(UserText.escape(loaded.source()));
    b.append(
        loaded.overrides().isEmpty()
            ? ""
            : " with --set "
                + String.join(
                    ", --set ",
                    loaded.overrides().stream()
                        .map(o -> UserText.bounded(UserText.strip(o), LONGEST_LINE))
                        .toList()));
    b.append('\n');
    for (String line : text.top()) {
      b.append("  ").append(line).append('\n');
    }
    int w = 4;
    for (Map<String, List<String>> defs : text.named().values()) {
      for (String name : defs.keySet()) {
        w = Math.max(w, name.length());
      }
    }
    for (String[] c : COLLECTIONS) {
      Map<String, List<String>> defs = text.named().get(c[0]);
      if (defs == null || defs.isEmpty()) {
        continue;
      }
      b.append('\n').append(c[1]).append('\n');
      if (c[0].equals("services")) {
        for (Service s : m.dependencyOrder()) {
          row(b, w, s.name(), defs.get(s.name()));
        }
      } else {
        for (Map.Entry<String, List<String>> e : defs.entrySet()) {
          row(b, w, e.getKey(), e.getValue());
        }
      }
    }
    return b.toString();
  }

  private static void row(StringBuilder b, int width, String name, List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      b.append("  ")
          .append(pad(i == 0 ? name : "", width))
          .append("  ")
          .append(lines.get(i))
          .append('\n');
    }
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

  private static String firstLine(String text) {
    String t = UserText.strip(text);
    int nl = t.indexOf('\n');
    return nl < 0 ? t : UserText.strip(t.substring(0, nl));
  }
}
