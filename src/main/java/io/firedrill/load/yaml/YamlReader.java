package io.firedrill.load.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.firedrill.dist.UserText;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML text into a {@link Node} tree with a position on every node.
 *
 * <p>It reads Jackson's YAML token stream rather than its tree model because the tree model forgets
 * positions and silently keeps the last of two duplicate keys. Aliases ({@code *name}) are refused:
 * a model has no use for them, and refusing them means an alias bomb costs nothing. Malformed YAML,
 * an empty file and a file that is not UTF-8 text each become one {@link YamlError} at the position
 * of the defect.
 */
public final class YamlReader {

  /** Largest model file read, in bytes; a model is a few kilobytes. */
  public static final int MAX_BYTES = 4 << 20;

  /** Deepest nesting accepted; a model needs at most nine (sites.S.zones.Z.fire.also.P.damage). */
  public static final int MAX_DEPTH = 64;

  private final String source;
  private final boolean override;
  private final String text;

  /** The key path of the value read: empty for a file, PATH for {@code --set PATH=VALUE}. */
  private final String basePath;

  /**
   * The code point index of every surrogate pair in {@link #text}, in order: the parser counts
   * positions in code points, the text is indexed in chars, and the k-th pair shifts every later
   * position by k. Found once, so that turning a position into an index costs a binary search, not
   * a scan of the file (which made loading quadratic in its lines).
   */
  private final int[] pairs;

  private final List<YamlError> errors = new ArrayList<>();
  private boolean aliasReported;

  /** Collections open around the current token: the root mapping is depth 1. */
  private int depth;

  /** A defect after which the token stream cannot be followed: reading stops there. */
  private static final class Abort extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient YamlError error;

    Abort(YamlError error) {
      super(null, null, false, false);
      this.error = error;
    }
  }

  private YamlReader(String source, boolean override, String text, String basePath) {
    this.source = source;
    this.override = override;
    this.text = text;
    this.basePath = basePath;
    this.pairs = surrogatePairs(text);
  }

  private static int[] surrogatePairs(String text) {
    int[] found = new int[0];
    int n = 0;
    int codePoint = 0;
    for (int i = 0; i < text.length(); codePoint++) {
      if (Character.isHighSurrogate(text.charAt(i))
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        if (n == found.length) {
          found = java.util.Arrays.copyOf(found, Math.max(16, 2 * n));
        }
        found[n++] = codePoint;
        i += 2;
      } else {
        i++;
      }
    }
    return java.util.Arrays.copyOf(found, n);
  }

  /**
   * Where the character at index {@code at} of {@link #text} is, as line and column (in code
   * points): a binary search over the line starts, found once.
   */
  private Origin originAt(int at) {
    if (override) {
      return new Origin(source, 0, 0, true);
    }
    int[] starts = lineStarts();
    int index = Math.max(0, Math.min(at, text.length()));
    int found = java.util.Arrays.binarySearch(starts, index);
    int line = found >= 0 ? found : -found - 2;
    int column = text.codePointCount(starts[line], index) + 1;
    return Origin.at(source, line + 1, column);
  }

  /**
   * The index in {@link #text} where each line starts, lines ending at LF, CRLF or a lone CR, as
   * YAML and editors count them; made on the first error that needs it.
   */
  private int[] lineStarts() {
    if (lineStarts == null) {
      int[] starts = new int[16];
      int n = 0;
      starts[n++] = 0;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
          if (n == starts.length) {
            starts = java.util.Arrays.copyOf(starts, 2 * n);
          }
          starts[n++] = i + 1;
        }
      }
      lineStarts = java.util.Arrays.copyOf(starts, n);
    }
    return lineStarts;
  }

  /** See {@link #lineStarts()}. */
  private int[] lineStarts;

  /** The index in {@link #text} of the character at code point index {@code codePoint}. */
  private int charIndex(long codePoint) {
    int cp = (int) Math.max(0, Math.min(codePoint, Integer.MAX_VALUE));
    int before = java.util.Arrays.binarySearch(pairs, cp);
    int shift = before >= 0 ? before : -before - 1;
    return Math.min(text.length(), cp + shift);
  }

  /**
   * Parses a whole model file.
   *
   * @param source the file name used in error lines
   * @param bytes the file's content
   * @return the root node (a mapping is not enforced here; the binder says what it expected)
   * @throws YamlException for empty, binary, oversized or malformed input
   */
  public static Node readFile(String source, byte[] bytes) throws YamlException {
    if (bytes.length > MAX_BYTES) {
      throw new YamlException(
          new YamlError(
              Origin.at(source, 1, 1),
              "",
              "file is too large: "
                  + bytes.length
                  + " bytes (a model may have at most "
                  + MAX_BYTES
                  + " bytes)"));
    }
    String text = decodeUtf8(source, bytes);
    YamlReader reader = new YamlReader(source, false, text, "");
    Node root = reader.parse();
    if (root == null) {
      throw new YamlException(
          new YamlError(
              Origin.at(source, 1, 1),
              "",
              "file is empty (expected a mapping with name, sites and services)"));
    }
    return root;
  }

  /**
   * Parses the VALUE of a {@code --set PATH=VALUE} override as a YAML value, so that lists and
   * mappings can be given too ({@code --set services.talk.requires=[login]}). Every node of the
   * result has the override as its origin; errors inside it name their key path under {@code path},
   * the override's PATH.
   */
  public static Node readOverrideValue(String overrideText, String path, String value)
      throws YamlException {
    YamlReader reader = new YamlReader("--set " + overrideText, true, value, path);
    Node node = reader.parse();
    return node == null
        ? new Node.Scalar(Origin.override(overrideText), null, Origin.override(overrideText))
        : node;
  }

  private Node parse() throws YamlException {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u0085' || c == '\u2028' || c == '\u2029') {
        // YAML takes these for line breaks where no editor shows one: every line number after
        // them would be off, and a value would end there unseen.
        throw new YamlException(notAllowed(i, c));
      }
    }
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_BYTES);
    // The libraries' own limits lie beyond firedrill's, which readValue enforces at the exact
    // place: theirs report Java names at line 1 (StreamReadConstraints.getMaxNestingDepth()).
    options.setNestingDepthLimit(MAX_DEPTH + 1);
    options.setMaxAliasesForCollections(0);
    YAMLFactory factory = YAMLFactory.builder().loaderOptions(options).build();
    factory.setStreamReadConstraints(
        StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH + 1)
            .maxNameLength(MAX_BYTES)
            .maxStringLength(MAX_BYTES)
            .build());
    try (YAMLParser parser = (YAMLParser) factory.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return null;
      }
      Node root = readValue(parser, basePath);
      if (root != null && errors.isEmpty() && parser.nextToken() != null) {
        fail(
            parser.currentTokenLocation(),
            "",
            "more than one YAML document (expected exactly one)");
      }
      if (!errors.isEmpty()) {
        throw new YamlException(errors);
      }
      return root;
    } catch (Abort e) {
      throw new YamlException(e.error);
    } catch (IOException | RuntimeException e) {
      throw new YamlException(syntaxError(e));
    }
  }

  /** Reads the value whose first token is current; returns null after recording an error. */
  private Node readValue(YAMLParser parser, String path) throws IOException {
    JsonToken token = parser.currentToken();
    Origin origin = origin(parser.currentTokenLocation());
    if (parser.isCurrentAlias()) {
      if (aliasReported) {
        // One line is enough to explain it; a file of a million aliases must not print a million.
        return null;
      }
      aliasReported = true;
      return fail(
          parser.currentTokenLocation(),
          path,
          "YAML aliases (*"
              + UserText.bounded(parser.getText())
              + ") are not supported in a model; write the value out");
    }
    if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth == MAX_DEPTH) {
      throw new Abort(
          new YamlError(
              origin,
              path,
              "malformed YAML: nested more than "
                  + MAX_DEPTH
                  + " levels deep (a model needs at most nine)"));
    }
    switch (token) {
      case START_OBJECT:
        depth++;
        try {
          return readMapping(parser, path, origin);
        } finally {
          depth--;
        }
      case START_ARRAY:
        depth++;
        try {
          return readSequence(parser, path, origin);
        } finally {
          depth--;
        }
      case VALUE_NULL:
        return new Node.Scalar(origin, null, origin);
      case VALUE_STRING:
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
      case VALUE_TRUE:
      case VALUE_FALSE:
        {
          String value = parser.getText();
          boolean quoted = quoted(parser.currentTokenLocation());
          if (value.isEmpty() && !quoted) {
            // key: with nothing after it is empty, like ~ and null; only '' is an empty text.
            return new Node.Scalar(origin, null, origin);
          }
          // An offset inside the value is a column only where the value stands one for one in
          // the file: not across an escape or a folded line (then errors point at its start).
          Origin textOrigin = quoted ? origin.shifted(1) : origin;
          int at = charIndex(parser.currentTokenLocation().getCharOffset()) + (quoted ? 1 : 0);
          boolean verbatim = text.startsWith(value, at);
          return new Node.Scalar(origin, value, verbatim ? textOrigin : textOrigin.pin());
        }
      default:
        {
          // !!binary (an embedded object): the only tag that does not resolve to text.
          Object tag = parser.getTypeId();
          String name =
              tag == null ? "" : String.valueOf(tag).replaceFirst("^tag:yaml\\.org,2002:", "!!");
          return fail(
              parser.currentTokenLocation(),
              path,
              tag == null
                  ? "a YAML value firedrill cannot read; write it as plain text"
                  : "the YAML tag "
                      + UserText.bounded(name)
                      + " is not supported in a model; write the value as plain text");
        }
    }
  }

  private Node readMapping(YAMLParser parser, String path, Origin origin) throws IOException {
    Node.Mapping mapping = new Node.Mapping(origin);
    boolean ok = true;
    JsonToken token;
    while ((token = nextKey(parser, path)) == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      Origin at = origin(parser.currentTokenLocation());
      Origin keyOrigin = quoted(parser.currentTokenLocation()) ? at.shifted(1) : at;
      String keyPath = path.isEmpty() ? key : path + "." + key;
      parser.nextToken();
      Node value = readValue(parser, keyPath);
      Node.Mapping.Entry previous = mapping.get(key);
      if (previous != null) {
        errors.add(
            new YamlError(
                keyOrigin,
                keyPath,
                "duplicate key "
                    + UserText.quote(key)
                    + (override
                        ? " (given twice in this value)"
                        : " (first given at line " + previous.keyOrigin().line() + ")")));
        ok = false;
      } else if (value == null) {
        ok = false;
      } else {
        mapping.put(key, keyOrigin, value);
      }
    }
    if (token != JsonToken.END_OBJECT) {
      throw new IOException("unexpected token " + token + " in a mapping");
    }
    return ok ? mapping : null;
  }

  /**
   * The next token of a mapping: a key or its end. A key that is itself a list or a mapping (a YAML
   * complex key, {@code ? [a, b]}) stops reading with one line at that key, in place of the
   * parser's message, which names its Java event classes.
   */
  private JsonToken nextKey(YAMLParser parser, String path) throws IOException {
    try {
      return parser.nextToken();
    } catch (com.fasterxml.jackson.core.JsonParseException e) {
      String message = e.getOriginalMessage();
      if (message == null || !message.startsWith("Expected a field name")) {
        throw e;
      }
      // The parser stands just past a flow collection's '[' or '{', or at a block one's start.
      int at = e.getLocation() == null ? 0 : charIndex(e.getLocation().getCharOffset());
      if (at > 0 && (text.charAt(at - 1) == '[' || text.charAt(at - 1) == '{')) {
        at--;
      }
      throw new Abort(
          new YamlError(
              originAt(at),
              path,
              "malformed YAML: a key must be a name, not a "
                  + (message.contains("Sequence") ? "list" : "mapping")
                  + " (YAML complex keys such as ? [a, b] are not supported)"));
    }
  }

  private Node readSequence(YAMLParser parser, String path, Origin origin) throws IOException {
    List<Node> items = new ArrayList<>();
    boolean ok = true;
    JsonToken token;
    int index = 0;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token == null) {
        throw new IOException("unexpected end of input in a list");
      }
      Node item = readValue(parser, path + "[" + index++ + "]");
      if (item == null) {
        ok = false;
      } else {
        items.add(item);
      }
    }
    return ok ? new Node.Sequence(origin, items) : null;
  }

  private Node fail(JsonLocation location, String path, String message) {
    errors.add(new YamlError(origin(location), path, message));
    return null;
  }

  private Origin origin(JsonLocation location) {
    if (override) {
      return new Origin(source, 0, 0, true);
    }
    return Origin.at(
        source, Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
  }

  /**
   * Whether the scalar at {@code location} is quoted; its text then starts one column to the right,
   * so that positions inside a value point at its characters.
   */
  private boolean quoted(JsonLocation location) {
    int index = charIndex(location.getCharOffset());
    return index < text.length() && (text.charAt(index) == '"' || text.charAt(index) == '\'');
  }

  /** Turns whatever the YAML parser threw into one error line at the problem's position. */
  /**
   * A space YAML does not take for one (a no-break space, U+00A0, as text copied from a web page
   * carries; any space separator but U+0020) outside quotes, on the line of a syntax error or the
   * line before: the likely cause, which the parser's own message (a ':' not found, say) hides.
   * Null if there is none.
   */
  private YamlError unusualSpace(Mark mark) {
    if (mark == null) {
      return null;
    }
    int[] starts = lineStarts();
    int line = Math.min(mark.getLine(), starts.length - 1);
    for (int l = Math.max(0, line - 1); l <= line; l++) {
      int end = l + 1 < starts.length ? starts[l + 1] : text.length();
      int column = 1;
      for (int i = starts[l]; i < end; ) {
        int cp = text.codePointAt(i);
        if (cp == '"' || cp == '\'' || cp == '#') {
          break; // a quoted value or a comment: its spaces are its own
        }
        if (UserText.isUnusualSpace(cp)) {
          return new YamlError(
              override ? new Origin(source, 0, 0, true) : Origin.at(source, l + 1, column),
              "",
              String.format(
                  java.util.Locale.ROOT,
                  "malformed YAML: a U+%04X space where YAML needs a plain space (text copied"
                      + " from a web page or a word processor carries them; type a space)",
                  cp));
        }
        i += Character.charCount(cp);
        column++;
      }
    }
    return null;
  }

  /** A character YAML text may not hold, at index {@code at} of the text. */
  private YamlError notAllowed(int at, int cp) {
    boolean control = Character.isISOControl(cp);
    return new YamlError(
        originAt(at),
        "",
        "malformed YAML: the "
            + (control ? "control character " + UserText.escape(Character.toString(cp)) : "")
            + (control ? "" : String.format(java.util.Locale.ROOT, "character U+%04X", cp))
            + " is not allowed in YAML text (remove it, or write it as an escape inside"
            + " double quotes)");
  }

  private YamlError syntaxError(Exception e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof org.yaml.snakeyaml.reader.ReaderException r) {
        // A character YAML does not allow in a stream (a control character, U+FFFE...): the
        // reader gives its index in code points, not a line.
        return notAllowed(charIndex(r.getPosition()), r.getCodePoint());
      }
    }
    Throwable cause = e;
    while (cause != null && !(cause instanceof MarkedYAMLException)) {
      cause = cause.getCause();
    }
    if (cause instanceof MarkedYAMLException marked) {
      Mark mark =
          marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
      String problem = marked.getProblem() != null ? marked.getProblem() : marked.getMessage();
      String context = marked.getContext() == null ? "" : marked.getContext();
      if (context.startsWith("while parsing a flow")
          && marked.getContextMark() != null
          && mark != null) {
        // An unclosed bracket is found only where something else begins; the defect is the
        // bracket, so point there and say where the parser gave up.
        char bracket = context.contains("mapping") ? '{' : '[';
        Mark open = marked.getContextMark();
        Origin at =
            override
                ? new Origin(source, 0, 0, true)
                : Origin.at(source, open.getLine() + 1, open.getColumn() + 1);
        return new YamlError(
            at,
            "",
            "malformed YAML: this '"
                + bracket
                + "' is never closed"
                + " (expected ',' or '"
                + (bracket == '{' ? '}' : ']')
                + "' before line "
                + (mark.getLine() + 1)
                + ", column "
                + (mark.getColumn() + 1)
                + ")");
      }
      YamlError space = unusualSpace(mark);
      if (space != null) {
        return space;
      }
      Origin at =
          override
              ? new Origin(source, 0, 0, true)
              : Origin.at(
                  source,
                  mark == null ? 1 : mark.getLine() + 1,
                  mark == null ? 1 : mark.getColumn() + 1);
      return new YamlError(
          at,
          "",
          "malformed YAML: "
              + UserText.bounded(describeProblem(problem, marked), 2 * UserText.MAX_PLACE));
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int cut = message.indexOf('\n');
    if (cut > 0) {
      message = message.substring(0, cut);
    }
    JsonLocation location =
        e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
            ? jpe.getLocation()
            : null;
    Origin at =
        override || location == null
            ? (override ? new Origin(source, 0, 0, true) : Origin.at(source, 1, 1))
            : origin(location);
    return new YamlError(at, "", "malformed YAML: " + message);
  }

  private static String describeProblem(String problem, MarkedYAMLException e) {
    String p = problem.strip();
    if (p.contains("'\\t'") || p.contains("\\t(TAB)")) {
      return "a tab character where YAML needs spaces (YAML indents, and separates a value from"
          + " its key, with spaces only)";
    }
    if (p.startsWith("exceeded max depth") || p.contains("Nesting Depth")) {
      return "nested more than " + MAX_DEPTH + " levels deep";
    }
    String context = e.getContext();
    return context == null ? p : p + " (" + context.strip() + ")";
  }

  /** Strict UTF-8 decoding: a NUL byte or an invalid sequence means this is no text file. */
  private static String decodeUtf8(String source, byte[] bytes) throws YamlException {
    int start =
        bytes.length >= 3
                && (bytes[0] & 0xff) == 0xef
                && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf
            ? 3
            : 0;
    if (bytes.length >= 2
        && ((bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe
            || (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff)) {
      throw notText(source, bytes, 0, 0, "a UTF-16 or UTF-32 byte-order mark; save it as UTF-8");
    }
    for (int i = start; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw notText(source, bytes, start, i, "a NUL byte");
      }
    }
    // The decoder stops at the first byte UTF-8 forbids (RFC 3629: overlong forms, encoded
    // surrogates and code points above U+10FFFF included) and says where.
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(bytes.length - start);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int bad = Math.min(in.position(), bytes.length - 1);
      throw notText(
          source,
          bytes,
          start,
          bad,
          String.format(java.util.Locale.ROOT, "byte 0x%02x", bytes[bad] & 0xff));
    }
    return out.flip().toString();
  }

  private static YamlException notText(
      String source, byte[] bytes, int start, int at, String what) {
    int line = 1;
    int lineStart = start;
    for (int i = start; i < at; i++) {
      if (bytes[i] == '\n'
          || (bytes[i] == '\r' && (i + 1 == bytes.length || bytes[i + 1] != '\n'))) {
        line++;
        lineStart = i + 1;
      }
    }
    String before = new String(bytes, lineStart, at - lineStart, StandardCharsets.UTF_8);
    int column = 1 + before.codePointCount(0, before.length());
    return new YamlException(
        new YamlError(
            Origin.at(source, line, column),
            "",
            "not a UTF-8 text file (" + what + "); a model is YAML text"));
  }
}
