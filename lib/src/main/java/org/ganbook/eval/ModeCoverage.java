package org.ganbook.eval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The mode-collapse metrics of VEEGAN (Srivastava et al., 2017) and PacGAN (Lin et al., 2018) on a
 * mixture of Gaussians with known centres: a sample is high quality when it lies within 3 sigma of
 * its nearest mode, and a mode is captured when it is the nearest mode of at least one
 * high-quality sample.
 */
public record ModeCoverage(int modesCaptured, int modes, double highQualityFraction, int[] samplesPerMode) {

  public static ModeCoverage of(INDArray samples, INDArray centres, double sigma) {
    if (samples.columns() != centres.columns()) {
      throw new IllegalArgumentException("samples have " + samples.columns() + " coordinates, the modes " + centres.columns());
    }
    INDArray s = samples.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
    INDArray c = centres.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
    // Squared distances [n, K] = |s|^2 + |c|^2 - 2 s c^T.
    INDArray d2 = Nd4j.gemm(s, c, false, true).muli(-2)
        .addiColumnVector(s.mul(s).sum(1).reshape(-1, 1))
        .addiRowVector(c.mul(c).sum(1).reshape(1, -1));
    long[] nearest = Nd4j.argMin(d2, 1).toLongVector();
    double[] distance = Transforms.sqrt(Transforms.max(d2.min(1), 0.0, false), false).toDoubleVector();
    int k = (int) c.rows();
    int[] perMode = new int[k];
    int highQuality = 0;
    for (int i = 0; i < nearest.length; i++) {
      if (distance[i] <= 3 * sigma) {
        highQuality++;
        perMode[(int) nearest[i]]++;
      }
    }
    int captured = (int) java.util.Arrays.stream(perMode).filter(n -> n > 0).count();
    return new ModeCoverage(captured, k, (double) highQuality / nearest.length, perMode);
  }
}
