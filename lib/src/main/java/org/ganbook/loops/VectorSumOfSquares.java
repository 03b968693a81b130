package org.ganbook.loops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link SumOfSquares} on the Vector API: one accumulator per lane, in the widest vectors this CPU
 * has. A scalar loop cannot do this in vector instructions: the JIT keeps a float sum's order of
 * additions, which is one after another. Loaded only when the {@code jdk.incubator.vector} module
 * is present.
 */
final class VectorSumOfSquares {
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

  private VectorSumOfSquares() {}

  static double of(float[] a, int length) {
    FloatVector lanes = FloatVector.zero(FLOATS);
    int i = 0;
    for (; i + FLOATS.length() <= length; i += FLOATS.length()) {
      FloatVector x = FloatVector.fromArray(FLOATS, a, i);
      lanes = lanes.add(x.mul(x));
    }
    double sum = 0;
    for (int lane = 0; lane < FLOATS.length(); lane++) sum += lanes.lane(lane);
    for (; i < length; i++) sum += (double) a[i] * a[i];
    return sum;
  }
}
