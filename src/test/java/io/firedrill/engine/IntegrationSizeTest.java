package io.firedrill.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * {@link Integration}'s ramp windows are one method of more than HotSpot's {@code FreqInlineSize}
 * (325 bytecodes), so that C2 compiles them once on their own instead of inlining them into each of
 * their callers (docs/performance.md, "Fixed costs of a command"). Nothing else fails if an edit
 * brings the method under the limit: runs give the same bits, only the JIT's compile time grows
 * back by seconds. This test reads the method's size from the compiled class with {@code javap}.
 */
class IntegrationSizeTest {
  /** HotSpot's default {@code FreqInlineSize} on x86-64 and AArch64 (JDK 17 to 25). */
  private static final int FREQ_INLINE_SIZE = 325;

  @Test
  void rampWindowsIsTooLargeForC2ToInline() throws Exception {
    int size = bytecodeSize(Integration.class, "rampWindows");
    System.out.println("Integration.rampWindows: " + size + " bytes of bytecode");
    assertTrue(
        size > FREQ_INLINE_SIZE,
        "Integration.rampWindows is "
            + size
            + " bytes, not above FreqInlineSize "
            + FREQ_INLINE_SIZE
            + ": C2 would inline it into its callers again");
  }

  /**
   * The length in bytes of the code of method {@code name} of {@code type} (the one method of that
   * name), from {@code javap -c -p}: the offset of its last instruction plus that instruction's
   * length, at least 1.
   */
  static int bytecodeSize(Class<?> type, String name) throws Exception {
    ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow();
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
    Pattern instruction = Pattern.compile("^\\s+(\\d+): (\\w+)");
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
    // The last instruction of a void method is a return, one byte long.
    return last + 1;
  }
}
