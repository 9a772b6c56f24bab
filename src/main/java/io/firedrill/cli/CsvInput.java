package io.firedrill.cli;

import io.firedrill.dist.UserText;
import io.firedrill.report.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file a user gives a command ({@code fit FILE.csv}, {@code scenario --observed FILE}): read
 * whole but bounded ({@link #MAX_BYTES}) by what is read, never by the size the file system reports
 * (devices and pipes report 0); UTF-8 text (a byte-order mark is skipped) in RFC 4180 CSV, spaces
 * around a value ignored, empty lines skipped. Every problem is one {@link UsageException} line
 * {@code file:line:col: what is wrong} (exit status 2), the column counted in characters.
 */
final class CsvInput {
  /** The most bytes read from a file: 64 MiB. */
  static final long MAX_BYTES = 64L << 20;

  /**
   * The most fields a line may hold: 10,000. The parser holds a whole record at once, and a line of
   * 64 MiB of commas would be 64 million empty fields (gigabytes).
   */
  static final int MAX_FIELDS = 10_000;

  /** The dialect: RFC 4180, spaces around a value ignored, empty lines skipped. */
  static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();

  private CsvInput() {}

  /**
   * Parses {@code text} (the file's, from {@link #text}) record by record, the header first, into
   * {@code each}; a record {@code each} refuses throws its own {@link UsageException}. Text that is
   * not CSV is one line naming the file and the line.
   *
   * @throws UsageException for text that is not CSV, or from {@code each}
   */
  private static void records(Path file, String text, Consumer<CSVRecord> each) {
    checkFields(file, text);
    long lastLine = 1;
    try (CSVParser csv = CSVParser.parse(text, FORMAT)) {
      Iterator<CSVRecord> it = csv.iterator();
      while (it.hasNext()) {
        CSVRecord rec = it.next();
        lastLine = csv.getCurrentLineNumber();
        if (!blankLine(text, rec)) {
          each.accept(rec);
        }
      }
    } catch (UncheckedIOException | IllegalStateException | IOException e) {
      // The parser's message names Java classes; keep only its line, and say what is wrong.
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("line:? (\\d+)").matcher(String.valueOf(e.getMessage()));
      throw new UsageException(
          place(file)
              + ":"
              + (m.find() ? m.group(1) : Long.toString(lastLine + 1))
              + ": not valid CSV (a quoted value must end with a quote, followed by a comma or the"
              + " end of the line; a quote inside it is written twice)");
    }
  }

  /**
   * A table with a header row: {@code header} gets the first record, {@code row} every other, each
   * first checked to have as many fields as the header ({@link #checkSize}). A file with no record
   * is refused as empty, saying it expected {@code expected} ("a header row").
   *
   * @throws UsageException for an empty file, a row of another size, text that is not CSV, or from
   *     {@code header} or {@code row}
   */
  static void table(
      Path file,
      String text,
      String expected,
      Consumer<CSVRecord> header,
      Consumer<CSVRecord> row) {
    int[] fields = {-1};
    records(
        file,
        text,
        rec -> {
          if (fields[0] < 0) {
            header.accept(rec);
            fields[0] = rec.size();
          } else {
            checkSize(file, text, rec, fields[0]);
            row.accept(rec);
          }
        });
    if (fields[0] < 0) {
      throw new UsageException(place(file) + ": the file is empty (expected " + expected + ")");
    }
  }

  /**
   * Refuses a line with more than {@link #MAX_FIELDS} fields (commas in quotes count too: a bound,
   * not a parse), before the parser would hold them all.
   *
   * @throws UsageException naming the line
   */
  private static void checkFields(Path file, String text) {
    int commas = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ',') {
        if (++commas >= MAX_FIELDS) {
          throw new UsageException(
              place(file)
                  + ":"
                  + lineAndColumn(text, i)[0]
                  + ": more than 10,000 fields on one line; firedrill reads at most 10,000"
                  + " columns");
        }
      } else if (c == '\n' || c == '\r') {
        commas = 0;
      }
    }
  }

  /** Whether record {@code rec} is a line of spaces and tabs only (skipped like an empty line). */
  private static boolean blankLine(String text, CSVRecord rec) {
    if (rec.size() != 1 || !rec.get(0).isEmpty()) {
      return false;
    }
    for (int i = start(text, rec); i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        return true;
      }
      if (c != ' ' && c != '\t') {
        return false; // a quoted empty value, "": a cell, not a blank line
      }
    }
    return true;
  }

  /**
   * Where record {@code rec} begins in {@code text}: the parser's position, past the empty lines it
   * skipped before the record.
   */
  private static int start(String text, CSVRecord rec) {
    int i = (int) rec.getCharacterPosition();
    while (i < text.length() && (text.charAt(i) == '\n' || text.charAt(i) == '\r')) {
      i++;
    }
    return i;
  }

  /**
   * The file's text: at most {@link #MAX_BYTES} bytes, refused at the first NUL byte, decoded as
   * UTF-8 (the line of the first invalid byte is named), without a leading byte-order mark. {@code
   * command} names who reads it in the message for a file too large ("fit").
   *
   * @throws UsageException if the file is missing, unreadable, a directory, too large, or not UTF-8
   *     text
   */
  static String text(Path file, String command) {
    if (Files.isDirectory(file)) {
      throw new UsageException(place(file) + ": is a directory, not a CSV file");
    }
    byte[] buf = new byte[1 << 16];
    int len = 0;
    try (InputStream in = Files.newInputStream(file)) {
      while (len <= MAX_BYTES) {
        if (len == buf.length) {
          buf = Arrays.copyOf(buf, (int) Math.min(2L * buf.length, MAX_BYTES + 1));
        }
        int read = in.read(buf, len, buf.length - len);
        if (read < 0) {
          break;
        }
        for (int i = len; i < len + read; i++) {
          if (buf[i] == 0) {
            if ((buf[0] & 0xFF) == 0xFF && (buf[1] & 0xFF) == 0xFE
                || (buf[0] & 0xFF) == 0xFE && (buf[1] & 0xFF) == 0xFF) {
              throw new UsageException(
                  place(file)
                      + ": UTF-16 text (save the file as UTF-8; in Excel: CSV UTF-8, not Unicode"
                      + " text)");
            }
            throw new UsageException(
                position(file, buf, i) + "not a text file (it contains a NUL byte)");
          }
        }
        len += read;
      }
    } catch (NoSuchFileException e) {
      throw new UsageException(place(file) + ": no such file");
    } catch (AccessDeniedException e) {
      throw new UsageException(place(file) + ": permission denied");
    } catch (IOException e) {
      throw new UsageException(place(file) + ": cannot be read (" + AtomicFiles.reason(e) + ")");
    }
    if (len > MAX_BYTES) {
      throw new UsageException(
          place(file) + ": larger than 64 MiB; " + command + " reads at most 64 MiB");
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(buf, 0, len);
    CharBuffer out = CharBuffer.allocate(len);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw new UsageException(
          position(file, buf, in.position())
              + "not UTF-8 text (save the file as UTF-8; in Excel: CSV UTF-8)");
    }
    out.flip();
    String text = out.toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /**
   * The file name {@code name} as a path, or one line saying why this system cannot open it; {@code
   * option} is the option that named it ("--observed"), or null for an argument.
   *
   * @throws UsageException if the name has characters the system's encoding cannot hold
   */
  static Path path(String name, String option) {
    if (name.isEmpty()) {
      throw new UsageException(
          (option == null ? "" : option + ": ") + "the file name is empty; give a CSV file");
    }
    try {
      return Path.of(name);
    } catch (InvalidPathException e) {
      throw new UsageException(
          (option == null ? "" : option + ": ")
              + place(name)
              + ": not a file name this system can open (its characters do not fit the system's"
              + " encoding; run with a UTF-8 locale, for example LANG=C.UTF-8)");
    }
  }

  /**
   * The index of column {@code name} in {@code header}; with {@code required}, a missing column is
   * one line listing the columns the header has (else −1). A column named twice is refused.
   *
   * @throws UsageException if the column is missing (and required) or named twice
   */
  static int column(Path file, String text, CSVRecord header, String name, boolean required) {
    java.util.List<String> names = header.toList();
    int index = names.indexOf(name);
    if (index < 0) {
      if (!required) {
        return -1;
      }
      throw new UsageException(
          place(file)
              + ": no column "
              + UserText.quote(name)
              + " (columns: "
              + UserText.list(names)
              + ")");
    }
    int again = names.subList(index + 1, names.size()).indexOf(name);
    if (again >= 0) {
      throw new UsageException(
          at(file, text, header, index + 1 + again)
              + "the header names column "
              + UserText.quote(name)
              + " twice (fields "
              + (index + 1)
              + " and "
              + (index + 2 + again)
              + "): rename one");
    }
    return index;
  }

  /**
   * Refuses a row whose number of fields is not the header's {@code fields}.
   *
   * @throws UsageException naming the row's first missing or extra field
   */
  static void checkSize(Path file, String text, CSVRecord rec, int fields) {
    if (rec.size() != fields) {
      throw new UsageException(
          at(file, text, rec, Math.min(rec.size(), fields))
              + "this row has "
              + rec.size()
              + (rec.size() == 1 ? " field" : " fields")
              + " but the header has "
              + fields
              + (rec.size() > fields
                  ? " (write decimals with a point, 1.5, or quote a value with commas: \"1,5\")"
                  : ""));
    }
  }

  /** {@code file:line:col: } of byte {@code at}, counting the column in characters. */
  private static String position(Path file, byte[] buf, int at) {
    int[] lc = lineAndColumn(new String(buf, 0, at, StandardCharsets.UTF_8) + "x", -1);
    return place(file) + ":" + lc[0] + ":" + lc[1] + ": ";
  }

  /** {@code file:line:col: } of field {@code field} of {@code rec} (or where it would start). */
  static String at(Path file, String text, CSVRecord rec, int field) {
    int i = start(text, rec);
    int end = text.length();
    for (int f = 0; f < field && i < end; f++) {
      // Skip one field: a quoted value with its doubled quotes, or text up to the comma.
      while (i < end && text.charAt(i) == ' ') {
        i++;
      }
      if (i < end && text.charAt(i) == '"') {
        for (i++; i < end; i++) {
          if (text.charAt(i) == '"') {
            if (i + 1 < end && text.charAt(i + 1) == '"') {
              i++;
            } else {
              i++;
              break;
            }
          }
        }
      }
      while (i < end && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
        i++;
      }
      if (i < end && text.charAt(i) == ',') {
        i++;
      }
    }
    while (i < end && text.charAt(i) == ' ') {
      i++;
    }
    int[] lc = lineAndColumn(text, i);
    return place(file) + ":" + lc[0] + ":" + lc[1] + ": ";
  }

  /** A file name as messages show it: escaped, and at most its last 100 characters. */
  static String place(Object file) {
    return UserText.boundedTail(String.valueOf(file));
  }

  /**
   * The 1-based line and column of index {@code at} of {@code text} ({@code at} −1: of its last
   * character): lines end at {@code \n}, {@code \r\n} or {@code \r}, as the parser reads them; the
   * column counts characters (code points, so an emoji is one).
   */
  static int[] lineAndColumn(String text, int at) {
    if (at < 0) {
      at = Math.max(0, text.length() - 1);
    }
    at = Math.min(at, text.length());
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < at; i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
        line++;
        lineStart = i + 1;
      }
    }
    return new int[] {line, text.codePointCount(lineStart, at) + 1};
  }
}
