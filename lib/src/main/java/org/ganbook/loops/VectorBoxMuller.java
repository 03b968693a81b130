package org.ganbook.loops;

import static org.ganbook.loops.BoxMuller.C1;
import static org.ganbook.loops.BoxMuller.C2;
import static org.ganbook.loops.BoxMuller.C3;
import static org.ganbook.loops.BoxMuller.C4;
import static org.ganbook.loops.BoxMuller.C5;
import static org.ganbook.loops.BoxMuller.L1;
import static org.ganbook.loops.BoxMuller.L2;
import static org.ganbook.loops.BoxMuller.L3;
import static org.ganbook.loops.BoxMuller.L4;
import static org.ganbook.loops.BoxMuller.S1;
import static org.ganbook.loops.BoxMuller.S2;
import static org.ganbook.loops.BoxMuller.S3;
import static org.ganbook.loops.BoxMuller.S4;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BoxMuller}'s transform on the Vector API, in the widest vectors this CPU has (16 floats
 * with AVX-512): the same float operations in the same order as its scalar loop, lane by lane, so
 * the same draws to the bit. Loaded only when the {@code jdk.incubator.vector} module is present.
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
      FloatVector u1 = toFloats(IntVector.fromArray(INTS, bits, i).lanewise(VectorOperators.LSHR, 8).add(1)).mul(0x1p-24f);
      FloatVector r = log(u1).mul(-2f).sqrt();
      // 4 u2 = k + f: see BoxMuller.cosTurns
      IntVector t = IntVector.fromArray(INTS, bits, i + half).lanewise(VectorOperators.LSHR, 8);
      IntVector k = t.add(1 << 21).lanewise(VectorOperators.LSHR, 22);
      FloatVector x = toFloats(t.sub(k.lanewise(VectorOperators.LSHL, 22))).mul(0x1p-22f).mul(BoxMuller.HALF_PI);
      FloatVector x2 = x.mul(x);
      IntVector c = bitsOf(x2.mul(x2.mul(x2.mul(x2.mul(x2.mul(C5).add(C4)).add(C3)).add(C2)).add(C1)).add(1f));
      IntVector s = bitsOf(x.add(x.mul(x2).mul(x2.mul(x2.mul(x2.mul(S4).add(S3)).add(S2)).add(S1))));
      IntVector odd = k.and(1).neg();
      IntVector cos = c.and(odd.not()).or(s.and(odd)).lanewise(VectorOperators.XOR, k.add(1).and(2).lanewise(VectorOperators.LSHL, 30));
      IntVector sin = s.and(odd.not()).or(c.and(odd)).lanewise(VectorOperators.XOR, k.and(2).lanewise(VectorOperators.LSHL, 30));
      r.mul(cos.reinterpretAsFloats()).intoArray(z, i);
      r.mul(sin.reinterpretAsFloats()).intoArray(z, i + half);
    }
    return i;
  }

  /** ln u, as BoxMuller.log. */
  private static FloatVector log(FloatVector u) {
    IntVector b = bitsOf(u).add(0x3F800000 - BoxMuller.ROOT_HALF_BITS);
    IntVector e = b.lanewise(VectorOperators.LSHR, 23).sub(127);
    FloatVector m = b.and(0x7FFFFF).add(BoxMuller.ROOT_HALF_BITS).reinterpretAsFloats();
    FloatVector s = m.sub(1f).div(m.add(1f)), s2 = s.mul(s);
    FloatVector lnM = s.mul(2f).add(s.mul(s2).mul(s2.mul(s2.mul(s2.mul(L4).add(L3)).add(L2)).add(L1)));
    return toFloats(e).mul(BoxMuller.LN2).add(lnM);
  }

  private static FloatVector toFloats(IntVector v) { return (FloatVector) v.convert(VectorOperators.I2F, 0); }

  private static IntVector bitsOf(FloatVector v) { return (IntVector) v.reinterpretAsInts(); }
}
