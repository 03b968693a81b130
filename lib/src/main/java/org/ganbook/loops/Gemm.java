package org.ganbook.loops;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * c = alpha op(a) op(b) + beta c, the layers' matrix products, as one call into the BLAS that ND4J
 * loaded (through JavaCPP's OpenBLAS bindings, which ND4J's CPU backend already uses).
 *
 * <p>Why: {@code Nd4j.gemm} builds an op, validates its shapes and dispatches it through libnd4j
 * before the BLAS runs, about 0.05-0.1 ms a call on these machines; the layers of one training
 * iteration make 25 to 43 products, most of them 0.2-2 ms long (bench/README.md). The same BLAS
 * routine, with the same arguments, gives the same result.
 *
 * <p>Row-major float matrices that own their memory (no views) take this path on the CPU backend;
 * everything else goes through {@code Nd4j.gemm}.
 */
public final class Gemm {
  private Gemm() {}

  /** c = alpha op(a) op(b) + beta c, op(x) = x^T where {@code transpose}; returns c. */
  public static INDArray multiply(INDArray a, INDArray b, INDArray c, boolean transposeA, boolean transposeB,
      double alpha, double beta) {
    if (!direct(a, b, c)) return Nd4j.gemm(a, b, c, transposeA, transposeB, alpha, beta);
    long m = transposeA ? a.columns() : a.rows();
    long k = transposeA ? a.rows() : a.columns();
    long kb = transposeB ? b.columns() : b.rows();
    long n = transposeB ? b.rows() : b.columns();
    if (k != kb || c.rows() != m || c.columns() != n) {
      throw new IllegalArgumentException(String.format("cannot multiply %s%s by %s%s into %s",
          java.util.Arrays.toString(a.shape()), transposeA ? "^T" : "", java.util.Arrays.toString(b.shape()),
          transposeB ? "^T" : "", java.util.Arrays.toString(c.shape())));
    }
    cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
        (int) m, (int) n, (int) k, (float) alpha, pointer(a), (int) a.columns(), pointer(b), (int) b.columns(),
        (float) beta, pointer(c), (int) c.columns());
    return c;
  }

  private static boolean direct(INDArray a, INDArray b, INDArray c) {
    for (INDArray x : new INDArray[] {a, b, c}) {
      if (x.rank() != 2 || x.isView() || x.ordering() != 'c' || x.length() == 0) return false;
    }
    return Loops.available(a) && Loops.available(b) && Loops.available(c);
  }

  private static FloatPointer pointer(INDArray x) {
    return new FloatPointer(x.data().pointer());
  }
}
