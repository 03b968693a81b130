package org.ganbook.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Feature matching (Salimans et al., 2016, section 3.1): G is trained so that the mean of D's
 * intermediate features f on generated data matches their mean on real data,
 * || E_x f(x) - E_z f(G(z)) ||^2 (here, as in improved-gan, averaged over the feature dimensions).
 */
public final class FeatureMatching {
  private FeatureMatching() {}

  /** The loss and its gradient with respect to the generated examples' features. */
  public static Loss of(INDArray realFeatures, INDArray fakeFeatures) {
    if (realFeatures.columns() != fakeFeatures.columns()) {
      throw new IllegalArgumentException("real features have " + realFeatures.columns() + " columns, generated " + fakeFeatures.columns());
    }
    INDArray difference = fakeFeatures.mean(0).subi(realFeatures.mean(0));
    long k = difference.length();
    double value = difference.mul(difference).sumNumber().doubleValue() / k;
    INDArray perRow = difference.mul(2.0 / (k * fakeFeatures.rows())).reshape(1, k);
    return new Loss(value, perRow.repeat(0, fakeFeatures.rows()));
  }
}
