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
import jdk.incubator.vector.VectorMask;
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
      // 4 u2 = k + f, f in [-1/2, 1/2): see BoxMuller.cosTurns
      FloatVector q = toFloats(IntVector.fromArray(INTS, bits, i + half).lanewise(VectorOperators.LSHR, 8)).mul(0x1p-22f);
      IntVector k = (IntVector) q.convert(VectorOperators.F2I, 0);
      FloatVector f = q.sub(toFloats(k));
      VectorMask<Float> up = f.compare(VectorOperators.GE, 0.5f);
      f = f.blend(f.sub(1f), up);
      k = k.blend(k.add(1), up.cast(INTS));
      FloatVector x = f.mul(BoxMuller.HALF_PI), x2 = x.mul(x);
      FloatVector c = x2.mul(x2.mul(x2.mul(x2.mul(x2.mul(C5).add(C4)).add(C3)).add(C2)).add(C1)).add(1f);
      FloatVector s = x.add(x.mul(x2).mul(x2.mul(x2.mul(x2.mul(S4).add(S3)).add(S2)).add(S1)));
      VectorMask<Float> odd = k.and(1).compare(VectorOperators.NE, 0).cast(FLOATS);
      IntVector cosSign = k.add(1).and(2).lanewise(VectorOperators.LSHL, 30);
      IntVector sinSign = k.and(2).lanewise(VectorOperators.LSHL, 30);
      FloatVector cos = c.blend(s, odd), sin = s.blend(c, odd);
      r.mul(flipSign(cos, cosSign)).intoArray(z, i);
      r.mul(flipSign(sin, sinSign)).intoArray(z, i + half);
    }
    return i;
  }

  /** ln u, as BoxMuller.log. */
  private static FloatVector log(FloatVector u) {
    IntVector b = (IntVector) u.reinterpretAsInts();
    IntVector e = b.lanewise(VectorOperators.LSHR, 23).sub(127);
    FloatVector m = b.and(0x7FFFFF).or(0x3F800000).reinterpretAsFloats();
    VectorMask<Float> big = m.compare(VectorOperators.GT, BoxMuller.SQRT2);
    m = m.blend(m.mul(0.5f), big);
    e = e.blend(e.add(1), big.cast(INTS));
    FloatVector s = m.sub(1f).div(m.add(1f)), s2 = s.mul(s);
    FloatVector lnM = s.mul(2f).add(s.mul(s2).mul(s2.mul(s2.mul(s2.mul(L4).add(L3)).add(L2)).add(L1)));
    return toFloats(e).mul(BoxMuller.LN2).add(lnM);
  }

  private static FloatVector toFloats(IntVector v) { return (FloatVector) v.convert(VectorOperators.I2F, 0); }

  private static FloatVector flipSign(FloatVector v, IntVector signBit) {
    return ((IntVector) v.reinterpretAsInts()).lanewise(VectorOperators.XOR, signBit).reinterpretAsFloats();
  }
}
