package io.firedrill.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * {@link Integration}'s ramp windows are one method of more than HotSpot's {@code FreqInlineSize}
 * bytecodes (325 by default), so that C2 compiles them once on their own instead of inlining them
 * into each of their callers (docs/performance.md, "Fixed costs of a command"). Nothing else fails
 * if an edit brings the method under the limit: runs give the same bits, only the JIT's compile
 * time grows back by seconds. This test reads the method's size from the compiled class with {@code
 * javap} (so it needs a JDK, as the build does) and the limit from the running JVM. It guards the
 * size, which is what decides C2's choice for a hot call site, not the inlining itself.
 */
class IntegrationSizeTest {
  @Test
  void rampWindowsIsTooLargeForC2ToInline() throws Exception {
    int limit =
        Integer.parseInt(
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("FreqInlineSize")
                .getValue());
    int size = bytecodeSizeAtLeast(Integration.class, "rampWindows");
    System.out.println(
        "Integration.rampWindows: at least "
            + size
            + " bytes of bytecode; FreqInlineSize "
            + limit);
    assertTrue(
        size > limit,
        "Integration.rampWindows is "
            + size
            + " bytes, not above FreqInlineSize "
            + limit
            + ": C2 would inline it into its callers again");
  }

  /**
   * A lower bound of the length in bytes of the code of method {@code name} of {@code type} (the
   * one method of that name), from {@code javap -c -p}: the offset of its last instruction plus 1
   * (an instruction is at least one byte long).
   */
  static int bytecodeSizeAtLeast(Class<?> type, String name) throws Exception {
    ToolProvider javap =
        ToolProvider.findFirst("javap")
            .orElseThrow(() -> new AssertionError("no javap: the tests need a JDK"));
    Path classes = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    StringWriter out = new StringWriter();
    int status =
        javap.run(
            new PrintWriter(out),
            new PrintWriter(new StringWriter()),
            "-c",
            "-p",
            "-cp",
            classes.toString(),
            type.getName());
    assertTrue(status == 0, "javap failed: " + status);
    Pattern header = Pattern.compile("^  \\S.*\\s" + Pattern.quote(name) + "\\(.*$");
    // An instruction: its offset and its opcode's name (not a switch's case line, "12: 40").
    Pattern instruction = Pattern.compile("^\\s+(\\d+): ([a-z_]+[0-9_a-z]*)");
    int last = -1;
    boolean inside = false;
    for (String line : out.toString().split("\n")) {
      if (line.startsWith("  ") && !line.startsWith("   ")) {
        inside = header.matcher(line).matches();
        continue;
      }
      Matcher m = instruction.matcher(line);
      if (inside && m.find()) {
        last = Integer.parseInt(m.group(1));
      }
    }
    assertTrue(last >= 0, "no method " + name + " in " + type.getName());
    return last + 1;
  }
}
