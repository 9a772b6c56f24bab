package io.firedrill.cli;

import io.firedrill.load.ModelLoader;
import io.firedrill.report.ModelDescription;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code firedrill validate [MODEL]}: checks a model and describes it on one screen. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = Firedrill.Version.class,
    description = {
      "Check a model and describe it: sites with their hazards, services with capacities,"
          + " standby, failover and dependencies, and the dependency order.",
      "Warnings (a site, grid or network nothing uses; a standby too small to restore its"
          + " service) go to standard error as file:line:col: warning: path: what was found.",
      "Exit status 0 if valid (warnings or not); 2 with one line per defect"
          + " (file:line:col: path: what is wrong)."
    })
final class ValidateCommand implements Callable<Integer> {
  @Mixin ModelOptions options;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ModelLoader.Loaded loaded = options.load();
    // What run would refuse up front at the model's horizon, validate refuses too.
    RunOptions.plan(loaded.model(), loaded.model().horizonHours());
    ModelOptions.warn(loaded, spec.commandLine().getErr(), java.util.List.of());
    spec.commandLine().getOut().print(ModelDescription.describe(loaded));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
