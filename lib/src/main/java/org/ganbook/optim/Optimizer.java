package org.ganbook.optim;

import java.util.List;
import java.util.Map;
import org.ganbook.nn.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Updates parameters from their gradients; keeps whatever state it needs per parameter. */
public interface Optimizer {
  /** One update of every parameter from its current gradient. */
  void step(List<Parameter> parameters);

  /**
   * The L2 norm of all the gradients that the last {@link #step} read, where the step summed their
   * squares on its way through them (SGD's one-pass update does); NaN where it did not, and before
   * the first step.
   */
  default double lastGradientNorm() { return Double.NaN; }

  /** How many updates this optimizer has made (t in its schedules). */
  long updates();

  /** The state to checkpoint, keyed by parameter name, plus the update count. */
  Map<String, INDArray> state();

  /** Restores what {@link #state()} returned, so that training resumes exactly. */
  void restore(Map<String, INDArray> state);
}
