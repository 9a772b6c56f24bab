package io.firedrill.cli;

import io.firedrill.load.ModelError;
import io.firedrill.load.ModelException;
import io.firedrill.load.ModelLoader;
import io.firedrill.load.ModelWarning;
import io.firedrill.load.yaml.Origin;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The model argument and {@code --set} overrides, shared by every command that reads a model. */
public final class ModelOptions {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "MODEL",
      description = "Model file (YAML). Default: the bundled " + ModelLoader.DEFAULT_MODEL + ".")
  Path model;

  @Option(
      names = "--set",
      paramLabel = "PATH=VALUE",
      description = {
        "Override a model value before validation, e.g. --set sites.east.fire.rate=0.01/y.",
        "Repeatable; later overrides win."
      })
  List<String> overrides = new ArrayList<>();

  /**
   * Loads the model with the user's overrides and, last, the overrides a study made from its {@code
   * --vary} options ({@code varied}, each PATH=VALUE, named by {@code asTyped}, the option as the
   * user typed it). A defect of a study's override names the --vary option, not a --set the user
   * never typed.
   */
  ModelLoader.Loaded loadVaried(List<String> varied, List<String> asTyped) throws ModelException {
    List<String> all = new ArrayList<>(overrides);
    all.addAll(varied);
    try {
      return ModelLoader.load(model, all);
    } catch (ModelException e) {
      List<ModelError> errors = new ArrayList<>();
      for (ModelError error : e.errors()) {
        int k = varied.indexOf(error.origin().source().replaceFirst("^--set ", ""));
        if (!error.origin().override() || k < 0) {
          errors.add(error);
          continue;
        }
        String message = error.message();
        if (message.startsWith("expected a distribution")) {
          message +=
              "; --vary varies numbers only (compare distributions with --set in separate runs)";
        }
        errors.add(
            new ModelError(
                new Origin("--vary " + asTyped.get(k), 0, 0, true), error.path(), message));
      }
      throw new ModelException(errors);
    }
  }

  /** Loads and validates the model with its overrides. */
  public ModelLoader.Loaded load() throws ModelException {
    return ModelLoader.load(model, overrides);
  }

  /**
   * Prints the model's warnings on {@code err}, one line each, except those about a parameter in
   * {@code varied} (what a study varies), which the study itself explores.
   */
  static void warn(ModelLoader.Loaded loaded, PrintWriter err, List<String> varied) {
    for (ModelWarning w : loaded.warnings()) {
      boolean about =
          varied.stream().anyMatch(v -> v.equals(w.path()) || v.startsWith(w.path() + "."));
      if (!about) {
        err.println(w.format());
      }
    }
    err.flush();
  }
}
