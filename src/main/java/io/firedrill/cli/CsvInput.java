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
  static void records(Path file, String text, Consumer<CSVRecord> each) {
    long lastLine = 1;
    try (CSVParser csv = CSVParser.parse(text, FORMAT)) {
      Iterator<CSVRecord> it = csv.iterator();
      while (it.hasNext()) {
        CSVRecord rec = it.next();
        lastLine = csv.getCurrentLineNumber();
        each.accept(rec);
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
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < at; i++) {
      if (buf[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    int col = new String(buf, lineStart, at - lineStart, StandardCharsets.UTF_8).length() + 1;
    return place(file) + ":" + line + ":" + col + ": ";
  }

  /** {@code file:line:col: } of field {@code field} of {@code rec} (or where it would start). */
  static String at(Path file, String text, CSVRecord rec, int field) {
    int i = (int) rec.getCharacterPosition();
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
    int line = lineOf(text, i);
    int lineStart = text.lastIndexOf('\n', i - 1) + 1;
    return place(file) + ":" + line + ":" + (i - lineStart + 1) + ": ";
  }

  /** A file name as messages show it: escaped, and at most its last 100 characters. */
  static String place(Object file) {
    return UserText.boundedTail(String.valueOf(file));
  }

  /** The 1-based line of character {@code at}. */
  private static int lineOf(String text, int at) {
    int line = 1;
    for (int i = 0; i < at && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
