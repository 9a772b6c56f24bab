package io.firedrill.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How user text appears in a message: escaped, on one line, cut with "…". */
class UserTextTest {
  @Test
  void controlCharacters_areShownAsEscapes() {
    assertEquals(
        "a\\nb\\tc\\rd\\ee\\x01f\\x7fg\\x9bh",
        UserText.escape("a\nb\tc\rd\u001be\u0001f\u007fg\u009bh"));
    // Line separators and the bidirectional overrides that can make a line read backwards.
    assertEquals("a\\u2028b\\u202ec\\u2066d", UserText.escape("a\u2028b\u202ec\u2066d"));
    // Every other format character but the joiners: right-to-left and Arabic letter marks, a
    // zero-width space, the byte-order mark, the soft hyphen.
    assertEquals(
        "a\\u200fb\\u061cc\\u200bd\\ufefff\\u00adg",
        UserText.escape("a\u200fb\u061cc\u200bd\ufefff\u00adg"));
    // A lone surrogate is escaped; a pair (an emoji) is one character and stays.
    assertEquals("\\ud800x\uD83D\uDD25", UserText.escape("\uD800x\uD83D\uDD25"));
    String plain = "pangyo, 판교, ٣";
    assertEquals(plain, UserText.escape(plain));
  }

  @Test
  void strip_takesWhitespaceAndEverySpaceSeparator_fromTheEnds() {
    assertEquals("1h", UserText.strip(" \t\u00a01h\u202f\u3000\n"));
    assertEquals("a\u00a0b", UserText.strip("\u2007a\u00a0b\u00a0"));
    assertEquals("x\u00a0", UserText.stripLeading("\u00a0x\u00a0"));
    assertEquals("\u00a0x", UserText.stripTrailing("\u00a0x\u00a0"));
    assertEquals("", UserText.strip("\u00a0 \u202f"));
    // Control characters other than tab, line feed, vertical tab, form feed and carriage return
    // are not blanks (Java's strip() takes U+001C to U+001F too).
    assertEquals("\u001cx", UserText.strip("\u001cx\r\n"));
    assertEquals(" a b  c ", UserText.asSpaces("\u00a0a\u202fb\t\u3000c\n"));
  }

  @Test
  void aFormatCharacterAboveFfff_isEscapedWithEightDigits() {
    // U+1D173 (a musical format character) then "31": not readable as U+1D17 then "31".
    assertEquals("\\U0001d17331h", UserText.escape("\uD834\uDD7331h"));
  }

  @Test
  void zeroWidthJoiners_stay_forPersianAndEmoji() {
    String persian = "\u0641\u0627\u0631\u0633\u06cc\u200c\u0632\u0628\u0627\u0646";
    String family = "\uD83D\uDC68\u200d\uD83D\uDC69\u200d\uD83D\uDC67";
    assertEquals(persian, UserText.escape(persian));
    assertEquals(family, UserText.escape(family));
    assertEquals("a\\u200bb", UserText.escape("a\u200bb"));
  }

  @Test
  void bounded_cutsAfterTheLimit_neverInsideAnEscape() {
    assertEquals("x".repeat(64), UserText.bounded("x".repeat(64)));
    assertEquals("x".repeat(64) + "…", UserText.bounded("x".repeat(65)));
    // 63 characters and an escape of two would make 65: the escape is left out whole.
    assertEquals("x".repeat(63) + "…", UserText.bounded("x".repeat(63) + "\n"));
    assertEquals("'ab\\n'", UserText.quote("ab\n"));
    // Characters, not chars: 64 emoji are 128 chars and are kept whole.
    String fires = "\uD83D\uDD25".repeat(64);
    assertEquals(fires, UserText.bounded(fires));
  }

  @Test
  void boundedTail_keepsTheEndOfAFileName() {
    String name = "d/".repeat(100) + "model.yaml";
    assertEquals("…" + name.substring(name.length() - 99), UserText.boundedTail(name));
    assertEquals("models/x.yaml", UserText.boundedTail("models/x.yaml"));
    // An escape is never cut: 98 characters of the end fit after the "…", then "\u202e" (6) does
    // not, and it is left out whole.
    String overrides = "\u202e".repeat(20) + "y".repeat(98) + ".yaml";
    String tail = UserText.boundedTail("a" + overrides);
    assertEquals("…" + "y".repeat(94) + ".yaml", tail);
    String mixed = "\u202e".repeat(30) + ".yaml";
    assertEquals("…" + "\\u202e".repeat(15) + ".yaml", UserText.boundedTail(mixed));
  }

  @Test
  void list_namesTwentyAndCountsTheRest() {
    List<String> thousand = Collections.nCopies(1000, "s");
    assertEquals(
        String.join(", ", Collections.nCopies(20, "s")) + ", and 980 more",
        UserText.list(thousand));
    assertEquals("a, b", UserText.list(List.of("a", "b")));
  }
}
