package org.ganbook.eval;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Digits made worse on purpose, to see whether a score notices (chapter 06): real digits with
 * added noise, blurred, or moved by a few pixels. Heusel et al. (2017, figure 1) judge the
 * Fréchet distance the same way, by disturbing real images step by step; Theis et al. (2016)
 * shift digits by a pixel to show that distance in pixel space is no test of memorisation.
 *
 * <p>Every method takes images as rows [n, side * side] with pixel values in [0, 1] (MNIST's
 * layout, row by row) and returns new float rows of the same shape; the input is left as it was.
 */
public final class DegradedDigits {
  private DegradedDigits() {}

  /** Each pixel plus a N(0, sigma^2) draw, clipped back to [0, 1]; the same seed gives the same noise. */
  public static INDArray noisy(INDArray images, double sigma, long seed) {
    int side = side(images);
    if (!(sigma >= 0) || !Double.isFinite(sigma)) throw new IllegalArgumentException("noise sigma must be finite and >= 0, got " + sigma);
    float[][] x = images.castTo(DataType.FLOAT).toFloatMatrix();
    var random = new SplittableRandom(seed);
    for (float[] row : x) {
      for (int i = 0; i < side * side; i++) row[i] = (float) Math.min(1, Math.max(0, row[i] + sigma * random.nextGaussian()));
    }
    return Nd4j.create(x);
  }

  /**
   * Each image convolved with a Gaussian of standard deviation {@code sigma} pixels, truncated at
   * 3 sigma and normalised to sum 1, along rows and then columns (the 2-D Gaussian is separable).
   * Outside the image counts as black, as MNIST's empty border is.
   */
  public static INDArray blurred(INDArray images, double sigma) {
    int side = side(images);
    if (!(sigma > 0) || !Double.isFinite(sigma)) throw new IllegalArgumentException("blur sigma must be finite and > 0, got " + sigma);
    int radius = (int) Math.ceil(3 * sigma);
    double[] kernel = new double[2 * radius + 1];
    double total = 0;
    for (int i = -radius; i <= radius; i++) total += kernel[i + radius] = Math.exp(-0.5 * i * i / (sigma * sigma));
    for (int i = 0; i < kernel.length; i++) kernel[i] /= total;
    float[][] x = images.castTo(DataType.FLOAT).toFloatMatrix();
    double[] along = new double[side * side];
    for (float[] row : x) {
      Arrays.fill(along, 0);
      for (int r = 0; r < side; r++) {            // along each image row
        for (int c = 0; c < side; c++) {
          double s = 0;
          for (int k = -radius; k <= radius; k++) {
            int cc = c + k;
            if (cc >= 0 && cc < side) s += kernel[k + radius] * row[r * side + cc];
          }
          along[r * side + c] = s;
        }
      }
      for (int r = 0; r < side; r++) {            // then down each column
        for (int c = 0; c < side; c++) {
          double s = 0;
          for (int k = -radius; k <= radius; k++) {
            int rr = r + k;
            if (rr >= 0 && rr < side) s += kernel[k + radius] * along[rr * side + c];
          }
          row[r * side + c] = (float) s;
        }
      }
    }
    return Nd4j.create(x);
  }

  /**
   * Each image moved {@code dx} pixels right and {@code dy} pixels down (negative: left, up); black
   * comes in at the edges and what moves out is lost.
   */
  public static INDArray shifted(INDArray images, int dx, int dy) {
    int side = side(images);
    if (Math.abs(dx) >= side || Math.abs(dy) >= side) {
      throw new IllegalArgumentException("a shift of (" + dx + ", " + dy + ") moves a " + side + "x" + side + " image out of its frame");
    }
    float[][] x = images.castTo(DataType.FLOAT).toFloatMatrix();
    float[][] out = new float[x.length][side * side];
    for (int n = 0; n < x.length; n++) {
      for (int r = 0; r < side; r++) {
        int from = r - dy;
        if (from < 0 || from >= side) continue;
        for (int c = 0; c < side; c++) {
          int fc = c - dx;
          if (fc >= 0 && fc < side) out[n][r * side + c] = x[n][from * side + fc];
        }
      }
    }
    return Nd4j.create(out);
  }

  /** The side of the square images in the rows of {@code images}, or a clear error. */
  private static int side(INDArray images) {
    if (images.rank() != 2 || images.rows() < 1) {
      throw new IllegalArgumentException("images must be rows [n, side * side], got shape " + Arrays.toString(images.shape()));
    }
    int side = (int) Math.round(Math.sqrt(images.columns()));
    if (side * side != images.columns()) {
      throw new IllegalArgumentException("rows of " + images.columns() + " pixels are not square images (MNIST's are 28 x 28 = 784)");
    }
    return side;
  }
}
