package org.ganbook.optim;

import java.util.ArrayList;
import java.util.List;
import org.ganbook.loops.Loops;
import org.ganbook.nn.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A running average of parameters, shadow <- decay shadow + (1 - decay) theta, updated after each
 * optimizer step. Evaluating with the averaged parameters smooths the last iterations' noise, the
 * "historical averaging" family of remedies of Salimans et al. (2016).
 */
public final class ExponentialMovingAverage {
  private final List<Parameter> parameters;
  private final List<INDArray> shadow = new ArrayList<>();
  private final double decay;

  public ExponentialMovingAverage(List<Parameter> parameters, double decay) {
    if (!(decay >= 0 && decay < 1)) throw new IllegalArgumentException("decay must be in [0, 1), got " + decay);
    this.parameters = List.copyOf(parameters);
    this.decay = decay;
    for (Parameter p : parameters) shadow.add(p.value().dup());
  }

  public void update() {
    for (int i = 0; i < parameters.size(); i++) {
      if (Loops.available(shadow.get(i), parameters.get(i).value())) {
        fusedUpdate(shadow.get(i), parameters.get(i).value());
        continue;
      }
      INDArray average = shadow.get(i).muli(decay);
      Nd4j.getBlasWrapper().level1().axpy(average.length(), 1 - decay, parameters.get(i).value(), average);
    }
  }

  /** shadow <- decay shadow + (1 - decay) theta, in one pass. */
  private void fusedUpdate(INDArray average, INDArray value) {
    float d = (float) decay, oneMinusD = (float) (1 - decay);
    Loops.inBlocks((block, length) -> {
      float[] a = block[0], theta = block[1];
      for (int i = 0; i < length; i++) a[i] = d * a[i] + oneMinusD * theta[i];
    }, Loops.inOut(average), Loops.in(value));
  }

  /** The averages, one per parameter in order (live: a checkpoint saves and restores them). */
  public List<INDArray> averages() { return java.util.Collections.unmodifiableList(shadow); }

  /** Exchanges the parameters with their averages: call once to evaluate, again to resume training. */
  public void swap() {
    for (int i = 0; i < parameters.size(); i++) {
      INDArray current = parameters.get(i).value().dup();
      parameters.get(i).value().assign(shadow.get(i));
      shadow.get(i).assign(current);
    }
  }
}
