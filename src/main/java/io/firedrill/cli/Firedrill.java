package io.firedrill.cli;

import io.firedrill.model.ModelError;
import io.firedrill.model.ModelException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code firedrill} command: parses arguments and hands over to a subcommand; nothing else.
 *
 * <p>Exit status: 0 done, 2 bad usage or bad model, 1 anything else (SPEC §5). A bad model prints
 * one line per defect; any other failure prints one line; neither prints a stack trace.
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

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    Thread main = Thread.currentThread();
    java.util.concurrent.atomic.AtomicBoolean finished =
        new java.util.concurrent.atomic.AtomicBoolean();
    // Ctrl-C or SIGTERM: ask the run to stop at its next block and give the main thread time to
    // delete its temporary files and say how far it got.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (!finished.get()) {
                    io.firedrill.engine.Interruption.request();
                    try {
                      main.join(5000);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }
                },
                "firedrill-stop"));
    int code = commandLine().execute(args);
    finished.set(true);
    if (!io.firedrill.engine.Interruption.requested()) {
      // During shutdown System.exit would wait for the hook, which waits for us: just return.
      System.exit(code);
    }
  }

  /** The configured command line, for {@code main} and for tests. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Firedrill());
    cl.setParameterExceptionHandler(Firedrill::badUsage);
    cl.setExecutionExceptionHandler(Firedrill::failed);
    return cl;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  private static int badUsage(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    String name = cl.getCommandSpec().qualifiedName();
    err.println(name + ": " + oneLine(e.getMessage()) + " (see '" + name + " --help')");
    err.flush();
    return USAGE;
  }

  private static int failed(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    if (e instanceof ModelException me) {
      for (ModelError error : me.errors()) {
        err.println(error.format());
      }
      err.flush();
      return USAGE;
    }
    if (e instanceof io.firedrill.engine.Interruption.Stopped) {
      err.println(cl.getCommandSpec().qualifiedName() + ": " + e.getMessage());
      err.flush();
      return FAILURE;
    }
    if (e instanceof UsageException) {
      err.println(cl.getCommandSpec().qualifiedName() + ": " + oneLine(e.getMessage()));
      err.flush();
      return USAGE;
    }
    String message =
        e.getMessage() == null ? e.getClass().getSimpleName() : oneLine(e.getMessage());
    err.println(
        cl.getCommandSpec().qualifiedName()
            + ": "
            + (e instanceof IOException ? "" : "error: ")
            + message);
    err.flush();
    return FAILURE;
  }

  private static String oneLine(String message) {
    String m = message == null ? "" : message.strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl).strip();
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
