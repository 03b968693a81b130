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
 * every pair, so it runs on vectors of 8 or 16 floats through the JDK's Vector API
 * ({@link VectorBoxMuller}) when the JVM was started with {@code --add-modules jdk.incubator.vector},
 * as every launcher of this project starts it. PyTorch draws its CPU normals the same way.
 *
 * <p>Reproducible to the bit: the logarithm, cosine and sine are this class's own polynomials, in
 * float additions, multiplications and one division, each rounded as IEEE 754 prescribes, so the
 * vector path and the scalar one give identical draws, whatever the vector width, and whether the
 * JIT has compiled the loop yet or not. (The Vector API's own LOG, COS and SIN are Intel's SVML
 * once compiled and {@link Math}'s functions before: a seed would not give the same run twice.)
 *
 * <p>The uniforms are 24 bits each (a float's precision), so |z| is at most sqrt(2 ln 2^24) = 5.77:
 * the tails beyond it, probability 8e-9, are never drawn.
 */
public final class BoxMuller {
  /** Whether the Vector API is in this JVM (the module is an incubator's, present only when asked for). */
  static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  static final float LN2 = (float) Math.log(2);
  static final float HALF_PI = (float) (Math.PI / 2);
  // ln m = 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...) with s = (m - 1) / (m + 1), |s| <= 0.172:
  // the first omitted term, 2 s^11 / 11, is below 1e-9.
  static final float L1 = 2f / 3, L2 = 2f / 5, L3 = 2f / 7, L4 = 2f / 9;
  // Taylor series of sin and cos on |x| <= pi/4: the first omitted terms are below 2e-9.
  static final float S1 = -1f / 6, S2 = 1f / 120, S3 = -1f / 5040, S4 = 1f / 362880;
  static final float C1 = -1f / 2, C2 = 1f / 24, C3 = -1f / 720, C4 = 1f / 40320, C5 = -1f / 3628800;

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

  /** The transform in scalar Java, for pairs [from, half); {@link VectorBoxMuller} does the same operations. */
  static void transform(int[] bits, float[] z, int from, int half) {
    for (int i = from; i < half; i++) {
      float u1 = ((bits[i] >>> 8) + 1) * 0x1p-24f;
      float r = (float) Math.sqrt(log(u1) * -2f);
      int quarterTurns = bits[i + half] >>> 8;   // u2 = quarterTurns / 2^24
      z[i] = r * cosTurns(quarterTurns);
      z[i + half] = r * sinTurns(quarterTurns);
    }
  }

  /** The offset that moves a float's bits from [1, 2) to [sqrt(2)/2, sqrt(2)) in {@link #log}. */
  static final int ROOT_HALF_BITS = Float.floatToRawIntBits((float) Math.sqrt(0.5));

  /**
   * ln u for u in (0, 1]: u = m 2^e with m in [sqrt(2)/2, sqrt(2)), ln u = e ln 2 + ln m. The split
   * is integer arithmetic on u's bits: adding 1.0's bits less sqrt(1/2)'s carries into the
   * exponent exactly when m would reach sqrt(2), so no comparison is needed.
   */
  static float log(float u) {
    int b = Float.floatToRawIntBits(u) + (0x3F800000 - ROOT_HALF_BITS);
    int e = (b >>> 23) - 127;
    float m = Float.intBitsToFloat((b & 0x7FFFFF) + ROOT_HALF_BITS);
    float s = (m - 1f) / (m + 1f);
    float s2 = s * s;
    float lnM = s * 2f + s * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * L4)));
    return e * LN2 + lnM;
  }

  /**
   * cos(2 pi u2) with u2 = t / 2^24: 4 u2 = k + f with k the nearest whole number (integer
   * arithmetic on t) and f in [-1/2, 1/2), so the angle is k quarter turns plus x = f pi/2, |x| <=
   * pi/4, where the series converge fast.
   */
  static float cosTurns(int t) {
    int k = (t + (1 << 21)) >>> 22;
    float x = (t - (k << 22)) * 0x1p-22f * HALF_PI, x2 = x * x;
    // cos(k pi/2 + x): cos x, -sin x, -cos x, sin x for k = 0, 1, 2, 3 (mod 4)
    return withSign(select(k, cos(x2), sin(x, x2)), (k + 1) & 2);
  }

  /** sin(2 pi u2) with u2 = t / 2^24, as {@link #cosTurns}. */
  static float sinTurns(int t) {
    int k = (t + (1 << 21)) >>> 22;
    float x = (t - (k << 22)) * 0x1p-22f * HALF_PI, x2 = x * x;
    // sin(k pi/2 + x): sin x, cos x, -sin x, -cos x for k = 0, 1, 2, 3 (mod 4)
    return withSign(select(k, sin(x, x2), cos(x2)), k & 2);
  }

  /** a for even k, b for odd k, by a bit mask (as the vector path selects). */
  private static float select(int k, float a, float b) {
    int odd = -(k & 1);
    return Float.intBitsToFloat((Float.floatToRawIntBits(a) & ~odd) | (Float.floatToRawIntBits(b) & odd));
  }

  /** v, negated when {@code two} is 2. */
  private static float withSign(float v, int two) { return Float.intBitsToFloat(Float.floatToRawIntBits(v) ^ (two << 30)); }

  static float sin(float x, float x2) { return x + x * x2 * (S1 + x2 * (S2 + x2 * (S3 + x2 * S4))); }

  static float cos(float x2) { return 1f + x2 * (C1 + x2 * (C2 + x2 * (C3 + x2 * (C4 + x2 * C5)))); }
}
