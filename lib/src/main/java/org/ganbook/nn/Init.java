package org.ganbook.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Weight initialisers. Both draw from ND4J's random generator of the calling thread, so a
 * network built right after {@code Nd4j.getRandom().setSeed(s)} is the same every time.
 */
@FunctionalInterface
public interface Init {
  INDArray weights(long fanIn, long fanOut);

  /** pylearn2's {@code irange}: U(-r, r), what the paper's MNIST networks used (G 0.05, D 0.005). */
  static Init uniform(double irange) {
    if (!(irange > 0)) throw new IllegalArgumentException("irange must be > 0, got " + irange);
    return (in, out) -> {
      INDArray w = Nd4j.createUninitialized(Nd4j.defaultFloatingPointType(), in, out);
      return Nd4j.getExecutioner().exec(new UniformDistribution(w, -irange, irange), Nd4j.getRandom());
    };
  }

  /** Glorot and Bengio (2010): U(-a, a) with a = sqrt(6 / (fanIn + fanOut)). */
  static Init glorot() {
    return (in, out) -> uniform(Math.sqrt(6.0 / (in + out))).weights(in, out);
  }
}
