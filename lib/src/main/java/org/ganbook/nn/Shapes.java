package org.ganbook.nn;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Shape checks whose messages name the layer and both shapes. */
final class Shapes {
  private Shapes() {}

  static void requireColumns(String layer, INDArray x, long columns) {
    if (x.rank() != 2 || x.columns() != columns) {
      throw new IllegalArgumentException(String.format(
          "%s expects a minibatch of shape [m, %d] but got %s", layer, columns, Arrays.toString(x.shape())));
    }
  }

  static void requireSame(String layer, INDArray expected, INDArray got, String what) {
    if (!Arrays.equals(expected.shape(), got.shape())) {
      throw new IllegalArgumentException(String.format("%s: %s has shape %s but the last forward produced %s",
          layer, what, Arrays.toString(got.shape()), Arrays.toString(expected.shape())));
    }
  }
}
