package org.ganbook.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ganbook.nn.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Bookkeeping shared by the optimizers: per-parameter buffers and the update count. */
abstract class StatefulOptimizer implements Optimizer {
  private final Map<String, INDArray> state = new LinkedHashMap<>();
  long updates;

  static void requirePositive(String what, double value) {
    if (!(value > 0) || Double.isInfinite(value)) throw new IllegalArgumentException(what + " must be > 0, got " + value);
  }

  /**
   * A zero-initialised buffer named "parameter/slot", created on first use, outside any workspace
   * (a trainer's iteration memory is reused by the next iteration; this buffer must outlive it).
   */
  INDArray buffer(Parameter p, String slot) {
    return state.computeIfAbsent(p.name() + "/" + slot, k -> {
      try (var outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
        return Nd4j.zeros(p.value().dataType(), p.value().shape());
      }
    });
  }

  @Override public long updates() { return updates; }

  @Override public Map<String, INDArray> state() {
    var copy = new LinkedHashMap<String, INDArray>();
    state.forEach((k, v) -> copy.put(k, v.dup()));
    copy.put("updates", Nd4j.scalar(updates));
    return copy;
  }

  @Override public void restore(Map<String, INDArray> saved) {
    state.clear();
    saved.forEach((k, v) -> {
      if (k.equals("updates")) updates = v.getLong(0);
      else state.put(k, v.dup());
    });
  }
}
