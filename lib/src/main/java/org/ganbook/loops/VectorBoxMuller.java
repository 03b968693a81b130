package org.ganbook.loops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BoxMuller}'s transform on the Vector API: the widest vectors this CPU has (16 floats with
 * AVX-512), the logarithm, cosine and sine from the JDK's vector maths library (Intel's SVML on
 * x86). Loaded only when the {@code jdk.incubator.vector} module is present.
 */
final class VectorBoxMuller {
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;

  private VectorBoxMuller() {}

  /** The transform for pairs [0, k) in whole vectors; returns k, leaving [k, half) to the scalar loop. */
  static int transform(int[] bits, float[] z, int half) {
    if (FLOATS.length() != INTS.length()) return 0;
    int lanes = FLOATS.length();
    int i = 0;
    for (; i + lanes <= half; i += lanes) {
      FloatVector u1 = IntVector.fromArray(INTS, bits, i).lanewise(VectorOperators.LSHR, 8).add(1)
          .convert(VectorOperators.I2F, 0).reinterpretAsFloats().mul(0x1p-24f);
      FloatVector angle = IntVector.fromArray(INTS, bits, i + half).lanewise(VectorOperators.LSHR, 8)
          .convert(VectorOperators.I2F, 0).reinterpretAsFloats().mul(0x1p-24f * BoxMuller.TWO_PI);
      FloatVector r = u1.lanewise(VectorOperators.LOG).mul(-2f).sqrt();
      r.mul(angle.lanewise(VectorOperators.COS)).intoArray(z, i);
      r.mul(angle.lanewise(VectorOperators.SIN)).intoArray(z, i + half);
    }
    return i;
  }
}
