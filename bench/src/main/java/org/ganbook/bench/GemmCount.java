package org.ganbook.bench;

import java.util.ArrayList;
import java.util.List;
import org.ganbook.nn.Dense;
import org.ganbook.nn.Layer;
import org.ganbook.nn.Maxout;
import org.ganbook.nn.Sequential;
import org.ganbook.nn.WeightNormDense;

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
    /**
   * The products of one {@code SemiSupervisedGan} iteration with unlabelled weight > 0:
   * <ul>
   *   <li>D step: G forward on m rows; D (features and head) forward on the 3m stacked rows
   *       (labelled, unlabelled, generated); D backward for its parameters;
   *   <li>G step: features forward on m unlabelled rows and on G's m rows; features backward to
   *       their input only; G backward for its parameters (no gradient with respect to z).
   * </ul>
   */
  static GemmCount semiSupervised(Sequential g, Sequential features, Sequential head, int m) {
    var gemms = new ArrayList<Gemm>();
    var d = new ArrayList<>(weightShapes(features));
    d.addAll(weightShapes(head));
    var f = weightShapes(features);
    var gs = weightShapes(g);
    forward(gs, m, gemms);
    forward(d, 3 * m, gemms);
    backward(d, 3 * m, true, false, gemms);
    forward(f, m, gemms);
    forward(gs, m, gemms);
    forward(f, m, gemms);
    backward(f, m, false, true, gemms);
    backward(gs, m, true, false, gemms);
    return new GemmCount(gemms);
  }

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

  /**
   * The products of one {@code SemiSupervisedGan} iteration with unlabelled weight > 0:
   * <ul>
   *   <li>D step: G forward on m rows; D (features and head) forward on the 3m stacked rows
   *       (labelled, unlabelled, generated); D backward for its parameters;
   *   <li>G step: features forward on m unlabelled rows and on G's m rows; features backward to
   *       their input only; G backward for its parameters (no gradient with respect to z).
   * </ul>
   */
  static GemmCount semiSupervised(Sequential g, Sequential features, Sequential head, int m) {
    var gemms = new ArrayList<Gemm>();
    var d = new ArrayList<>(weightShapes(features));
    d.addAll(weightShapes(head));
    var f = weightShapes(features);
    var gs = weightShapes(g);
    forward(gs, m, gemms);
    forward(d, 3 * m, gemms);
    backward(d, 3 * m, true, false, gemms);
    forward(f, m, gemms);
    forward(gs, m, gemms);
    forward(f, m, gemms);
    backward(f, m, false, true, gemms);
    backward(gs, m, true, false, gemms);
    return new GemmCount(gemms);
  }

  double flops() { return gemms.stream().mapToDouble(Gemm::flops).sum(); }

  /** {in, out} of each layer's weight matrix, input to output. */
  static List<long[]> weightShapes(Sequential net) {
    var shapes = new ArrayList<long[]>();
    for (Layer layer : net.layers()) {
      if (layer instanceof WeightNormDense wn) shapes.add(new long[] {wn.in(), wn.out()});
      else if (layer instanceof Dense dense) shapes.add(new long[] {dense.in(), dense.out()});
      else if (layer instanceof Maxout maxout) shapes.add(new long[] {maxout.in(), (long) maxout.units() * maxout.pieces()});
    }
    return shapes;
  }

  private static void forward(Sequential net, long n, List<Gemm> gemms) { forward(weightShapes(net), n, gemms); }

  private static void forward(List<long[]> shapes, long n, List<Gemm> gemms) {
    for (long[] w : shapes) gemms.add(new Gemm(n, w[1], w[0], false, false));
  }

  private static void backward(Sequential net, long n, boolean parameters, boolean networkInput, List<Gemm> gemms) {
    backward(weightShapes(net), n, parameters, networkInput, gemms);
  }

  private static void backward(List<long[]> shapes, long n, boolean parameters, boolean networkInput, List<Gemm> gemms) {
    for (int i = shapes.size() - 1; i >= 0; i--) {
      long[] w = shapes.get(i);
      if (parameters) gemms.add(new Gemm(w[0], w[1], n, true, false));
      if (i > 0 || networkInput) gemms.add(new Gemm(n, w[0], w[1], false, true));
    }
  }
}
