package org.ganbook.loops;

import java.util.SplittableRandom;

/**
 * Standard normal draws by the Box-Muller transform (Box and Muller, 1958), many at a time: from
 * two uniforms u1 in (0, 1] and u2 in [0, 1), with r = sqrt(-2 ln u1),
 * <pre>
 *   z0 = r cos(2 pi u2),   z1 = r sin(2 pi u2)
 * </pre>
 * are two independent N(0, 1) draws. Why not the JDK's {@code nextGaussian} (a ziggurat, one draw
 * at a time, with a branch and a table look-up each): this transform is the same arithmetic for
 * every pair, so its logarithm, square root, cosine and sine run on vectors of 8 or 16 floats
 * through the JDK's Vector API ({@link VectorBoxMuller}) when the JVM was started with {@code
 * --add-modules jdk.incubator.vector}, as every launcher of this project starts it. Without that
 * module the same formulas run in scalar Java: the same draws to within a few units in the last
 * place (the vector functions are not bit-identical to {@link Math}'s), several times slower.
 * PyTorch draws its CPU normals the same way.
 *
 * <p>The uniforms are 24 bits each (a float's precision), so |z| is at most sqrt(2 ln 2^24) = 5.77:
 * the tails beyond it, probability 8e-9, are never drawn.
 */
public final class BoxMuller {
  /** Whether the Vector API is in this JVM (the module is an incubator's, present only when asked for). */
  static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  static final float TWO_PI = (float) (2 * Math.PI);

  private BoxMuller() {}

  /** Whether draws take the Vector API's path in this JVM. */
  public static boolean vectorised() { return VECTOR; }

  /**
   * Fills z[0, n) with N(0, 1) draws from {@code random}, n even: n / 2 {@code nextLong}s, each
   * giving the u1 (low 32 bits) and u2 (high 32 bits) of the pair (z[i], z[i + n / 2]).
   * {@code bits} is scratch space of at least n ints.
   */
  public static void fill(SplittableRandom random, int[] bits, float[] z, int n) {
    if (n % 2 != 0) throw new IllegalArgumentException("Box-Muller draws pairs: n must be even, got " + n);
    int half = n / 2;
    for (int i = 0; i < half; i++) {
      long b = random.nextLong();
      bits[i] = (int) b;
      bits[i + half] = (int) (b >>> 32);
    }
    int done = VECTOR ? VectorBoxMuller.transform(bits, z, half) : 0;
    transform(bits, z, done, half);
  }

  /** The transform in scalar Java, for pairs [from, half). */
  static void transform(int[] bits, float[] z, int from, int half) {
    for (int i = from; i < half; i++) {
      float u1 = ((bits[i] >>> 8) + 1) * 0x1p-24f;
      float angle = (bits[i + half] >>> 8) * (0x1p-24f * TWO_PI);
      float r = (float) Math.sqrt(-2f * (float) Math.log(u1));
      z[i] = r * (float) Math.cos(angle);
      z[i + half] = r * (float) Math.sin(angle);
    }
  }
}
