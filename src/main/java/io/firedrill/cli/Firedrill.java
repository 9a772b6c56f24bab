package io.firedrill.cli;

import io.firedrill.dist.UserText;
import io.firedrill.engine.Kernel;
import io.firedrill.load.ModelError;
import io.firedrill.load.ModelException;
import io.firedrill.report.AtomicFiles;
import io.firedrill.run.Cancellation;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code firedrill} command: parses arguments and hands over to a subcommand; nothing else.
 *
 * <p>Exit status: 0 done, 2 bad usage or bad model, 1 anything else (README, "Commands"). A bad
 * model prints one line per defect; any other failure prints one line; neither prints a stack
 * trace.
 */
@Command(
    name = "firedrill",
    mixinStandardHelpOptions = true,
    versionProvider = Firedrill.Version.class,
    description = {
      "Monte Carlo risk and capacity planning for fire, power and routing failures of multi-site"
          + " deployments.",
      "With no MODEL, commands use the bundled models/kakao-pangyo-2022.yaml."
    },
    subcommands = {
      ValidateCommand.class,
      RunCommand.class,
      ScenarioCommand.class,
      SweepCommand.class,
      SizeCommand.class,
      FitCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Firedrill implements Runnable {
  /** Exit status for bad usage or a bad model. */
  public static final int USAGE = 2;

  /** Exit status for any other failure. */
  public static final int FAILURE = 1;

  @Spec CommandSpec spec;

  /** How long the shutdown hook waits for the main thread to stop before cleaning up itself. */
  static final long STOP_WAIT_MILLIS = 5000;

  /** Tripped by {@link #stop}; every run of this command line stops on it. */
  private final Cancellation cancellation;

  /** The qualified name of the command running ("firedrill run"), for the hook. */
  private volatile String running = "firedrill";

  /** Held while a stop line is printed, and for good once the hook printed one. */
  private final AtomicBoolean stopLine = new AtomicBoolean();

  /** The root command of a command line whose runs stop when {@code cancellation} is cancelled. */
  Firedrill(Cancellation cancellation) {
    this.cancellation = cancellation;
  }

  /** The token that stops this command line's runs: pass it to every run and output folder. */
  Cancellation cancellation() {
    return cancellation;
  }

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    // A safety net only: every number is formatted with Locale.ROOT explicitly.
    Locale.setDefault(Locale.ROOT);
    Thread main = Thread.currentThread();
    AtomicBoolean finished = new AtomicBoolean();
    Firedrill root = new Firedrill(new Cancellation());
    // Ctrl-C or SIGTERM: see stop().
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (!finished.get()) {
                    root.stop(main, STOP_WAIT_MILLIS, new PrintWriter(System.err, true));
                  }
                },
                "firedrill-stop"));
    CommandLine cl = commandLine(root);
    cl.setOut(new StdoutWriter(new FileOutputStream(FileDescriptor.out)));
    int code = execute(cl, args);
    finished.set(true);
    if (!root.cancellation.isCancelled()) {
      // During shutdown System.exit would wait for the hook, which waits for us: just return.
      System.exit(code);
    }
  }

  /**
   * What the shutdown hook does: cancels the run, which stops at its next block or file, and waits
   * up to {@code waitMillis} for {@code main} to delete its staging folder and say how far it got;
   * if it has not finished by then (a chart being drawn), deletes every staging folder and the
   * folders the run created itself, and prints the one line.
   */
  void stop(Thread main, long waitMillis, PrintWriter err) {
    cancellation.cancel();
    try {
      main.join(waitMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (main.isAlive()) {
      AtomicFiles.abandonAll();
      reportStop(
          err, running, "stopped before the results were complete; nothing was written", true);
    }
  }

  /**
   * Runs {@code args} on {@code cl} (from {@link #commandLine}) and returns the exit status, with
   * what picocli's handlers cannot see: an {@link OutOfMemoryError} or {@link StackOverflowError}
   * anywhere becomes one line and status 1; standard output that could not be written (a full disk,
   * a closed pipe) becomes one line and status 1, saying where committed results are.
   */
  public static int execute(CommandLine cl, String... args) {
    int code;
    try {
      code = cl.execute(args);
    } catch (OutOfMemoryError e) {
      String running = running(cl);
      Runtime heap = Runtime.getRuntime();
      cl.getErr()
          .println(
              running
                  + ": out of memory (Java may use "
                  + MemoryEstimate.bytes(heap.maxMemory())
                  + "); lower --threads, --points, --outages or the points of --vary, or give"
                  + " Java more memory (java -Xmx"
                  + Math.max(2, 2 * (heap.maxMemory() >> 30) + 1)
                  + "g -jar firedrill.jar ...); nothing was written");
      cl.getErr().flush();
      return FAILURE;
    } catch (StackOverflowError e) {
      String running = running(cl);
      cl.getErr()
          .println(
              running
                  + ": the model is nested too deeply to process (out of stack); nothing was"
                  + " written");
      cl.getErr().flush();
      return FAILURE;
    }
    PrintWriter out = cl.getOut();
    // A command that failed has said so in its own line; a success must also have been seen.
    if (code == 0 && out.checkError()) {
      String why = out instanceof StdoutWriter w ? w.failure() : "write error";
      Path written = written(cl);
      cl.getErr()
          .println(
              running(cl)
                  + ": cannot write to standard output: "
                  + why
                  + (written != null ? " (the results are in " + written + ")" : ""));
      cl.getErr().flush();
      return FAILURE;
    }
    return code;
  }

  /** The qualified name of the command {@code cl} runs or ran last ("firedrill run"). */
  private static String running(CommandLine cl) {
    return cl.getCommand() instanceof Firedrill root ? root.running : "firedrill";
  }

  /** Where the command that just ran committed its results, or null. */
  private static Path written(CommandLine cl) {
    CommandLine.ParseResult r = cl.getParseResult();
    while (r != null && r.subcommand() != null) {
      r = r.subcommand();
    }
    return r != null && r.commandSpec().userObject() instanceof WritesResults w
        ? w.written()
        : null;
  }

  /** A command that commits a folder of results. */
  interface WritesResults {
    /** The folder committed, or null if nothing was (yet). */
    Path written();
  }

  /**
   * Standard output as a PrintWriter that remembers why writing failed: PrintWriter and PrintStream
   * swallow the error and keep only a flag.
   */
  static final class StdoutWriter extends PrintWriter {
    private final Recorder recorder;

    StdoutWriter(OutputStream out) {
      this(new Recorder(out));
    }

    private StdoutWriter(Recorder recorder) {
      super(new OutputStreamWriter(recorder, stdoutCharset()), true);
      this.recorder = recorder;
    }

    /** The first failure in words, e.g. "No space left on device". */
    String failure() {
      IOException e = recorder.failure;
      return e == null ? "write error" : AtomicFiles.reason(e);
    }

    private static final class Recorder extends FilterOutputStream {
      private volatile IOException failure;

      Recorder(OutputStream out) {
        super(out);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        try {
          out.write(b, off, len);
        } catch (IOException e) {
          record(e);
          throw e;
        }
      }

      @Override
      public void write(int b) throws IOException {
        try {
          out.write(b);
        } catch (IOException e) {
          record(e);
          throw e;
        }
      }

      @Override
      public void flush() throws IOException {
        try {
          out.flush();
        } catch (IOException e) {
          record(e);
          throw e;
        }
      }

      private void record(IOException e) {
        if (failure == null) {
          failure = e;
        }
      }
    }
  }

  /**
   * Prints the one line of a stopped run: from the main thread, or from the shutdown hook when the
   * main thread did not finish in time, never both.
   */
  private void reportStop(PrintWriter err, String command, String message, boolean hook) {
    if (stopLine.compareAndSet(false, true)) {
      try {
        err.println(command + ": " + message);
        err.flush();
      } finally {
        if (!hook) {
          stopLine.set(false);
        }
      }
    }
  }

  /** The charset of standard output, as picocli chooses it. */
  private static Charset stdoutCharset() {
    for (String property : new String[] {"stdout.encoding", "sun.stdout.encoding"}) {
      String name = System.getProperty(property);
      if (name != null && Charset.isSupported(name)) {
        return Charset.forName(name);
      }
    }
    return Charset.defaultCharset();
  }

  /** The configured command line, for tests: its runs cannot be stopped. */
  public static CommandLine commandLine() {
    return commandLine(new Cancellation());
  }

  /** The configured command line, whose runs stop when {@code cancellation} is cancelled. */
  public static CommandLine commandLine(Cancellation cancellation) {
    return commandLine(new Firedrill(cancellation));
  }

  private static CommandLine commandLine(Firedrill root) {
    CommandLine cl = new CommandLine(root);
    // An argument @FILE is an argument like any other: picocli would read arguments from FILE
    // (with a stack trace for a folder, and forever from /dev/zero).
    cl.setExpandAtFiles(false);
    cl.setParameterExceptionHandler(Firedrill::badUsage);
    cl.setExecutionExceptionHandler(root::failed);
    cl.registerConverter(Path.class, Firedrill::path);
    CommandLine.IExecutionStrategy strategy = cl.getExecutionStrategy();
    cl.setExecutionStrategy(
        parsed -> {
          CommandLine.ParseResult r = parsed;
          while (r.subcommand() != null) {
            r = r.subcommand();
          }
          root.running = r.commandSpec().qualifiedName();
          return strategy.execute(parsed);
        });
    return cl;
  }

  /** A path from the command line, or one line saying why it cannot be one. */
  static Path path(String text) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      if (text.indexOf('\0') >= 0) {
        throw new CommandLine.TypeConversionException(
            UserText.quote(text) + " contains a NUL character");
      }
      throw new CommandLine.TypeConversionException(
          "the file name "
              + UserText.quote(text)
              + " cannot be represented in the system's encoding ("
              + System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name())
              + "); run firedrill in a UTF-8 locale (for example LANG=C.UTF-8)");
    }
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  private static int badUsage(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    String name = cl.getCommandSpec().qualifiedName();
    String hint = "";
    if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
      hint = ", did you mean " + String.join(" or ", u.getSuggestions()) + "?";
    }
    err.println(
        name
            + ": "
            + oneLine(boundQuoted(e.getMessage()))
            + UserText.escape(hint)
            + " (see '"
            + name
            + " --help')");
    err.flush();
    return USAGE;
  }

  private int failed(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    String name = cl.getCommandSpec().qualifiedName();
    if (e instanceof ModelException me) {
      for (ModelError error : me.errors()) {
        err.println(error.format());
      }
      err.flush();
      return USAGE;
    }
    if (e instanceof Cancellation.Stopped) {
      reportStop(err, name, e.getMessage(), false);
      return FAILURE;
    }
    if (e instanceof UsageException || e instanceof Kernel.TooManyEvents) {
      err.println(name + ": " + oneLine(e.getMessage()));
      err.flush();
      return USAGE;
    }
    if (e instanceof AtomicFiles.Refused) {
      err.println(name + ": output folder " + oneLine(e.getMessage()));
      err.flush();
      return USAGE;
    }
    err.println(name + ": " + describe(e));
    err.flush();
    return FAILURE;
  }

  /**
   * One line for an unexpected failure, without Java class names: an I/O failure in words ("No
   * space left on device"), else the message, else where firedrill failed (for a bug report).
   */
  static String describe(Throwable e) {
    if (e instanceof AtomicFiles.WriteFailed) {
      return e.getMessage();
    }
    if (e instanceof IOException || e instanceof java.io.UncheckedIOException) {
      String where =
          e instanceof java.nio.file.FileSystemException fs && fs.getFile() != null
              ? UserText.boundedTail(fs.getFile()) + ": "
              : "";
      return where + oneLine(AtomicFiles.reason(e));
    }
    if (e.getMessage() != null && !e.getMessage().isBlank()) {
      return "error: " + oneLine(e.getMessage());
    }
    StackTraceElement[] at = e.getStackTrace();
    return "internal error"
        + (at.length > 0 ? " at " + at[0].getFileName() + ":" + at[0].getLineNumber() : "")
        + "; please report it with the command line";
  }

  /**
   * The most characters of one error line. A model's lines are bounded piece by piece where they
   * are made (docs/limits.md); this bounds every other line whatever text it quotes.
   */
  static final int MAX_LINE = 1000;

  /**
   * A message as one line of at most {@link #MAX_LINE} characters: control characters (a newline
   * typed inside a --set value or an --event) are escaped, not printed or cut at, so that one error
   * is one line and no text can move the cursor or recolour the terminal.
   */
  static String oneLine(String message) {
    String m = message == null ? "" : message.strip();
    return UserText.bounded(m, MAX_LINE);
  }

  /**
   * A picocli message with each quoted piece ({@code 'what was typed'}) cut to {@link
   * UserText#MAX_ECHO} characters: picocli quotes an unknown option or a bad value whole, however
   * long.
   */
  static String boundQuoted(String message) {
    if (message == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (i < message.length()) {
      int open = message.indexOf('\'', i);
      int close = open < 0 ? -1 : message.indexOf('\'', open + 1);
      if (close < 0) {
        b.append(message, i, message.length());
        break;
      }
      b.append(message, i, open).append(UserText.quote(message.substring(open + 1, close)));
      i = close + 1;
    }
    return b.toString();
  }

  /** The version from the build, for {@code --version} on every command. */
  public static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"firedrill " + version(), "Java " + System.getProperty("java.version")};
    }

    /** The project version the jar was built as. */
    public static String version() {
      Properties p = new Properties();
      try (InputStream in =
          Firedrill.class.getResourceAsStream("/io/firedrill/version.properties")) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException e) {
        return "unknown";
      }
      return p.getProperty("version", "unknown");
    }
  }
}
