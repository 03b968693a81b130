package org.ganbook.loops;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Random draws written straight into ND4J arrays by Java's generators, with the work fused into
 * the same pass: noise added to its input, a dropout mask applied as it is drawn.
 *
 * <p>Why: libnd4j draws normals by Box-Muller with scalar transcendental functions (about 16 ns a
 * draw in the semi-supervised iteration, its largest part after the GEMMs); here the same
 * transform runs on vectors of floats ({@link BoxMuller}), and the pool draws on every core.
 *
 * <p>Seeds: each call takes one {@code long} from this thread's ND4J generator
 * ({@code Nd4j.getRandom()}), so {@code setSeed}, {@link org.ganbook.data.RandomState} and a
 * checkpoint's generator state govern these draws as they govern ND4J's own. Chunk c of the array
 * is drawn by a SplitMix64 stream ({@link SplittableRandom}) seeded from that long and c: the same
 * seed gives the same array on any number of threads.
 */
public final class Draws {
  private Draws() {}

  /** x + N(0, sigma^2) noise, a new array (improved-gan's Gaussian noise layer). */
  public static INDArray plusNormal(INDArray x, double sigma) {
    INDArray y = Nd4j.createUninitialized(x.dataType(), x.shape());
    FloatBuffer in = Loops.floats(x), out = Loops.floats(y);
    long seed = Nd4j.getRandom().nextLong();
    float s = (float) sigma;
    Loops.forEachChunk(x.length(), (chunk, from, to) -> {
      var random = stream(seed, chunk);
      Scratch scratch = SCRATCH.get();
      float[] block = scratch.values, z = scratch.normals;
      for (int start = from; start < to; start += Loops.BLOCK) {
        int length = Math.min(Loops.BLOCK, to - start);
        BoxMuller.fill(random, scratch.bits, z, length + length % 2); // an odd last block draws one to spare
        in.get(start, block, 0, length);
        for (int i = 0; i < length; i++) block[i] += s * z[i];
        out.put(start, block, 0, length);
      }
    });
    return y;
  }

  /**
   * Dropout in one pass: each element of {@code mask} is 1/keep with probability {@code keep}, else
   * 0, and {@code y = x * mask}. Both arrays are written; the mask is kept for the backward pass.
   */
  public static void dropout(INDArray x, double keep, INDArray mask, INDArray y) {
    FloatBuffer in = Loops.floats(x), masks = Loops.floats(mask), out = Loops.floats(y);
    // a uniform 24-bit integer below keep * 2^24: probability keep to within 2^-24, and keep = 1 always passes
    int threshold = (int) Math.round(keep * (1 << 24));
    float scale = (float) (1 / keep);
    long seed = Nd4j.getRandom().nextLong();
    Loops.forEachChunk(x.length(), (chunk, from, to) -> {
      var random = stream(seed, chunk);
      float[] m = new float[Loops.BLOCK], v = new float[Loops.BLOCK];
      for (int start = from; start < to; start += Loops.BLOCK) {
        int length = Math.min(Loops.BLOCK, to - start);
        for (int i = 0; i < length; i++) m[i] = (random.nextInt() >>> 8) < threshold ? scale : 0f;
        in.get(start, v, 0, length);
        for (int i = 0; i < length; i++) v[i] *= m[i];
        masks.put(start, m, 0, length);
        out.put(start, v, 0, length);
      }
    });
  }

  /** One thread's scratch arrays for a block: its values, uniform bits and normal draws. */
  private record Scratch(float[] values, int[] bits, float[] normals) {}

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(
      () -> new Scratch(new float[Loops.BLOCK], new int[Loops.BLOCK], new float[Loops.BLOCK]));

  /** The stream of one chunk: SplitMix64 seeded by mixing the call's seed with the chunk's number. */
  static SplittableRandom stream(long seed, int chunk) {
    return new SplittableRandom(mix64(seed + 0x9E3779B97F4A7C15L * (chunk + 1)));
  }

  /** Stafford's variant 13 of MurmurHash3's finaliser, as SplitMix64 mixes its states. */
  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
