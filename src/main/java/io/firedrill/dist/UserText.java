package io.firedrill.dist;

/**
 * User text as it may appear in an error or warning line: on one line, without raw terminal
 * escapes, and short.
 *
 * <p>A message quotes what the user typed so that they can find it, but what they typed can be a
 * megabyte of digits, a name with a newline in it, or an escape sequence that would recolour or
 * clear their terminal. Every piece of user text in a message goes through {@link #quote} or {@link
 * #bounded}: control characters become visible escapes ({@code \n}, {@code \t}, {@code \e}, {@code
 * \x01}, and a line separator as a backslash, u and its four hex digits) and anything past {@link
 * #MAX_ECHO} characters is cut with "…" (docs/limits.md, "Input").
 */
public final class UserText {
  /**
   * The most characters of one piece of user text a message quotes (a value, a name, a key): 64,
   * the longest name a model may give, so that a name is always quoted whole.
   */
  public static final int MAX_ECHO = 64;

  /** The most characters of a place a message names (a key path, a file name, a --set). */
  public static final int MAX_PLACE = 100;

  /** The most names a message lists (known sites, columns...); the rest are counted. */
  public static final int MAX_LISTED = 20;

  private UserText() {}

  /**
   * {@code names} joined with ", ", each {@link #bounded}, at most {@link #MAX_LISTED} of them and
   * then "and N more".
   */
  public static String list(java.util.Collection<String> names) {
    StringBuilder b = new StringBuilder();
    int shown = 0;
    for (String name : names) {
      if (shown == MAX_LISTED) {
        return b.append(", and ").append(names.size() - shown).append(" more").toString();
      }
      b.append(shown++ > 0 ? ", " : "").append(bounded(name));
    }
    return b.toString();
  }

  /** {@code 'text'}, escaped and cut to {@link #MAX_ECHO} characters. */
  public static String quote(String text) {
    return "'" + bounded(text, MAX_ECHO) + "'";
  }

  /** {@code text} escaped and cut to {@link #MAX_ECHO} characters. */
  public static String bounded(String text) {
    return bounded(text, MAX_ECHO);
  }

  /**
   * {@code text} with its control characters escaped, cut after {@code max} characters of the
   * escaped text with "…" (an escape is never cut in two).
   */
  public static String bounded(String text, int max) {
    StringBuilder b = new StringBuilder(Math.min(text.length(), max) + 8);
    int shown = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      String piece = escape(cp);
      int width = piece == null ? 1 : piece.length();
      if (shown + width > max) {
        return b.append('…').toString();
      }
      if (piece == null) {
        b.appendCodePoint(cp);
      } else {
        b.append(piece);
      }
      shown += width;
      i += Character.charCount(cp);
    }
    return b.toString();
  }

  /**
   * {@code text} cut from the front to {@link #MAX_PLACE} characters, keeping its end: for a file
   * name, whose last part says the most.
   */
  public static String boundedTail(String text) {
    String escaped = escape(text);
    if (escaped.codePointCount(0, escaped.length()) <= MAX_PLACE) {
      return escaped;
    }
    // Whole characters from the end, each escaped, while they fit after the "…": an escape is
    // never cut.
    StringBuilder tail = new StringBuilder();
    int shown = 0;
    for (int i = text.length(); i > 0; ) {
      int cp = text.codePointBefore(i);
      String piece = escape(cp);
      String shownAs = piece == null ? new String(Character.toChars(cp)) : piece;
      int width = piece == null ? 1 : piece.length();
      if (shown + width > MAX_PLACE - 1) {
        break;
      }
      tail.append(new StringBuilder(shownAs).reverse());
      shown += width;
      i -= Character.charCount(cp);
    }
    return "…" + tail.reverse();
  }

  /**
   * Whether a character is blank around a value a user typed: the space, tab, line feed, vertical
   * tab, form feed and carriage return, and every Unicode space separator (category Zs, among them
   * the no-break spaces U+00A0 and U+202F that text copied from a web page or a word processor
   * carries) and line or paragraph separator (Zl, Zp). Other control characters are not blanks.
   */
  public static boolean isBlank(int cp) {
    return cp == ' ' || (cp >= '\t' && cp <= '\r') || Character.isSpaceChar(cp);
  }

  /**
   * {@code text} with every blank ({@link #isBlank}) replaced by an ASCII space: for text a command
   * line option reads with patterns of spaces, so that a no-break space is a space there.
   */
  public static String asSpaces(String text) {
    StringBuilder b = null;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int n = Character.charCount(cp);
      boolean blank = cp != ' ' && isBlank(cp);
      if (blank && b == null) {
        b = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (b != null) {
        if (blank) {
          b.append(' ');
        } else {
          b.appendCodePoint(cp);
        }
      }
      i += n;
    }
    return b == null ? text : b.toString();
  }

  /**
   * Whether a character is a space separator other than U+0020 (a no-break space, U+00A0, above
   * all): one YAML does not take for a space.
   */
  public static boolean isUnusualSpace(int cp) {
    return cp != ' ' && Character.getType(cp) == Character.SPACE_SEPARATOR;
  }

  /** How many chars of {@code text} are blanks ({@link #isBlank}) before its first other one. */
  public static int leadingBlanks(String text) {
    return text.length() - stripLeading(text).length();
  }

  /**
   * What a command shows of an option or value as typed: without the blanks around it, escaped
   * ({@link #escape}), on one line.
   */
  public static String echo(String typed) {
    return escape(strip(typed));
  }

  /** {@code text} without the blanks ({@link #isBlank}) at either end. */
  public static String strip(String text) {
    return stripTrailing(stripLeading(text));
  }

  /** {@code text} without the blanks ({@link #isBlank}) at its start. */
  public static String stripLeading(String text) {
    int i = 0;
    while (i < text.length() && isBlank(text.codePointAt(i))) {
      i += Character.charCount(text.codePointAt(i));
    }
    return text.substring(i);
  }

  /** {@code text} without the blanks ({@link #isBlank}) at its end. */
  public static String stripTrailing(String text) {
    int end = text.length();
    while (end > 0 && isBlank(text.codePointBefore(end))) {
      end -= Character.charCount(text.codePointBefore(end));
    }
    return text.substring(0, end);
  }

  /** {@code text} with every control character escaped and nothing cut: one line. */
  public static String escape(String text) {
    StringBuilder b = null;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      String piece = escape(cp);
      if (piece != null && b == null) {
        b = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (b != null) {
        if (piece == null) {
          b.appendCodePoint(cp);
        } else {
          b.append(piece);
        }
      }
      i += Character.charCount(cp);
    }
    return b == null ? text : b.toString();
  }

  /**
   * The visible form of a character that must not reach a terminal raw, or null for one that may:
   * C0 and C1 controls and DEL, line and paragraph separators, every format character (Unicode
   * category Cf: the bidirectional overrides, isolates and marks, which can make a line read
   * differently from what it says; the zero-width space; the byte-order mark; the soft hyphen) but
   * the zero-width non-joiner and joiner (U+200C, U+200D), which Persian, Indic scripts and emoji
   * sequences need and which move nothing, and lone surrogates.
   */
  private static String escape(int cp) {
    switch (cp) {
      case '\n':
        return "\\n";
      case '\t':
        return "\\t";
      case '\r':
        return "\\r";
      case 0x1b:
        return "\\e";
      default:
        break;
    }
    if (Character.isISOControl(cp)) {
      return String.format(java.util.Locale.ROOT, "\\x%02x", cp);
    }
    if (cp == 0x2028
        || cp == 0x2029
        || (Character.getType(cp) == Character.FORMAT && cp != 0x200c && cp != 0x200d)
        || (cp <= 0xffff && Character.isSurrogate((char) cp))) {
      // Above U+FFFF: a capital U and eight digits, so that a digit that follows is not read as
      // one.
      return cp > 0xffff
          ? String.format(java.util.Locale.ROOT, "\\U%08x", cp)
          : String.format(java.util.Locale.ROOT, "\\u%04x", cp);
    }
    return null;
  }
}
