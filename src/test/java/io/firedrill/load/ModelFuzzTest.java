package io.firedrill.load;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.firedrill.model.Model;
import io.firedrill.plan.Plan;
import java.util.List;

/**
 * Fuzzes loading, validation and compilation with Jazzer: whatever bytes a model file holds, the
 * only thing that may come out is a {@link ModelException} (or a valid model), never another
 * exception and never a hang.
 *
 * <p>{@code mvn verify} runs it in fuzzing mode for {@value #CI_SECONDS} seconds in its own JVM (a
 * Surefire execution with JAZZER_FUZZ=1), starting from the seed corpus in
 * src/test/resources/io/firedrill/load/ModelFuzzTestInputs (the shipped models and some of the
 * malformed catalogue). A longer run: {@code JAZZER_FUZZ=1 mvn test -Dtest=ModelFuzzTest
 * -Djazzer.max_duration=30m}, docs/limits.md records its figures.
 */
class ModelFuzzTest {
  static final int CI_SECONDS = 30;

  @FuzzTest(maxDuration = "30s")
  void loadValidateCompile(byte[] data) {
    Model model;
    try {
      model = ModelLoader.parse("fuzz.yaml", data, List.of()).model();
    } catch (ModelException expected) {
      return;
    }
    Plan plan = Plan.compile(model);
    double events = plan.expectedEventsPerTrial();
    if (Double.isNaN(events)) {
      throw new IllegalStateException("NaN expected events for a valid model");
    }
    model.dependencyOrder();
  }
}
