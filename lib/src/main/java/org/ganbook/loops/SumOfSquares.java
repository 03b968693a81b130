package org.ganbook.loops;

/**
 * The sum of a block's squares, the piece of a norm that a one-pass update adds while the block is
 * in cache ({@link Loops#sumInBlocks}): SGD's update reads every gradient once, so the gradient
 * norm of the training history costs almost nothing there, where a separate pass reads them all
 * again.
 *
 * <p>On the Vector API ({@link VectorSumOfSquares}) the squares add up lane by lane in float and
 * the lanes in double; without it, one by one in double. The two orders differ in the last bits, a
 * few parts in a million at most over a block, which a training history's norm does not feel.
 */
public final class SumOfSquares {
  private SumOfSquares() {}

  /** The sum of a[i]^2 over i in [0, length). */
  public static double of(float[] a, int length) {
    if (BoxMuller.VECTOR) return VectorSumOfSquares.of(a, length);
    double sum = 0;
    for (int i = 0; i < length; i++) sum += (double) a[i] * a[i];
    return sum;
  }
}
