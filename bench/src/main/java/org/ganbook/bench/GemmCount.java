package org.ganbook.bench;

import java.util.ArrayList;
import java.util.List;
import org.ganbook.nn.Dense;
import org.ganbook.nn.Layer;
import org.ganbook.nn.Maxout;
import org.ganbook.nn.Sequential;

/**
 * The matrix products of one Algorithm 1 iteration (k = 1), as {@code Nd4j.gemm} shapes.
 *
 * <p>A layer y = x W with x [n, in] and W [in, out] costs one GEMM forward (x W), one for its
 * parameters (x^T dy) and one for its input (dy W^T), each 2 n in out FLOPs. The iteration does
 * <ul>
 *   <li>D step: G forward on m rows (the fakes), D forward on the 2m stacked rows, D backward for
 *       its parameters (and the inputs of every layer but the first, which feed the parameters);
 *   <li>G step: G forward on m rows, D forward on m rows, D backward to its input only, G backward
 *       for its parameters (no gradient with respect to z).
 * </ul>
 */
record GemmCount(List<Gemm> gemms) {
  /** C [rows, columns] = op(A) op(B), summing over {@code inner}. */
  record Gemm(long rows, long columns, long inner, boolean transA, boolean transB) {
    double flops() { return 2.0 * rows * columns * inner; }
  }

  static GemmCount algorithm1(Sequential g, Sequential d, int m) {
    var gemms = new ArrayList<Gemm>();
    // D step
    forward(g, m, gemms);
    forward(d, 2 * m, gemms);
    backward(d, 2 * m, true, false, gemms);
    // G step
    forward(g, m, gemms);
    forward(d, m, gemms);
    backward(d, m, false, true, gemms);
    backward(g, m, true, false, gemms);
    return new GemmCount(gemms);
  }

  double flops() { return gemms.stream().mapToDouble(Gemm::flops).sum(); }

  /** {in, out} of each layer's weight matrix, input to output. */
  static List<long[]> weightShapes(Sequential net) {
    var shapes = new ArrayList<long[]>();
    for (Layer layer : net.layers()) {
      if (layer instanceof Dense dense) shapes.add(new long[] {dense.in(), dense.out()});
      else if (layer instanceof Maxout maxout) shapes.add(new long[] {maxout.in(), (long) maxout.units() * maxout.pieces()});
    }
    return shapes;
  }

  private static void forward(Sequential net, long n, List<Gemm> gemms) {
    for (long[] w : weightShapes(net)) gemms.add(new Gemm(n, w[1], w[0], false, false));
  }

  private static void backward(Sequential net, long n, boolean parameters, boolean networkInput, List<Gemm> gemms) {
    var shapes = weightShapes(net);
    for (int i = shapes.size() - 1; i >= 0; i--) {
      long[] w = shapes.get(i);
      if (parameters) gemms.add(new Gemm(w[0], w[1], n, true, false));
      if (i > 0 || networkInput) gemms.add(new Gemm(n, w[0], w[1], false, true));
    }
  }
}
