# Sourced (not run) by every script that launches a JVM using ND4J: the kernel's installer,
# the tests and the benchmarks. It chooses the BLAS under ND4J's CPU backend and sets the variables
# that BLAS needs on small machines; the JVM's own flag for it is in $GANBOOK_JAVA_BLAS.
#
# GANBOOK_BLAS=mkl: Intel's MKL (Maven Central's org.bytedeco:mkl, loaded by JavaCPP in place of
#   ND4J's bundled OpenBLAS 0.3.19) on the GNU OpenMP runtime that libnd4j already uses, so that
#   the BLAS and ND4J's own ops share one thread pool. Its threads spin briefly between ops
#   (GOMP_SPINCOUNT) instead of sleeping at once: on the 2-core machines of bench/README.md both
#   training iterations ran 1.2-1.6x faster than with OpenBLAS.
# GANBOOK_BLAS=openblas: ND4J's bundled OpenBLAS, as before.
# Unset, MKL on Intel CPUs and OpenBLAS on others: on an AMD EPYC (Zen 4) MKL was no faster than
#   OpenBLAS and its iteration times spread more (bench/README.md, December 6, morning).
#
# GANBOOK_JAVA_VECTOR: the JVM flag that loads the JDK's Vector API (an incubator module, loaded
# only when asked for), on which the library draws its normals (org.ganbook.loops.BoxMuller). A JVM
# without it draws the same numbers in scalar Java, to the bit, several times slower. The
# JVM says "WARNING: Using incubator modules" on its standard error at start.
export GANBOOK_JAVA_VECTOR="--add-modules=jdk.incubator.vector"

if [ -z "${GANBOOK_BLAS:-}" ]; then
  if grep -q -m1 'GenuineIntel' /proc/cpuinfo 2>/dev/null; then GANBOOK_BLAS=mkl; else GANBOOK_BLAS=openblas; fi
fi
export GANBOOK_BLAS

case "$GANBOOK_BLAS" in
  mkl)
    export GANBOOK_JAVA_BLAS="-Dorg.bytedeco.openblas.load=mkl_rt"
    export MKL_THREADING_LAYER=GNU
    # 10,000 spins: as fast as libgomp's default of 300,000 on both iterations, with less CPU time
    # burnt waiting; waiting passively (OMP_WAIT_POLICY=passive) made each small op wake the pool,
    # 1.5x slower.
    export GOMP_SPINCOUNT=10000
    unset OMP_WAIT_POLICY OPENBLAS_CORETYPE
    ;;
  openblas)
    export GANBOOK_JAVA_BLAS=""
    # libnd4j's OpenMP threads and OpenBLAS's own threads spin-wait against each other on 2 cores
    # (3-4x slower) unless OpenMP waits passively.
    export OMP_WAIT_POLICY=passive
    # ND4J 1.0.0-M2.1 bundles OpenBLAS 0.3.19, which does not recognise recent CPUs (AMD Zen 3/4,
    # new Intel cores) and falls back to slow generic kernels. Choose the best core type it knows
    # from the instruction sets this CPU reports. This replaces a preset OPENBLAS_CORETYPE: this
    # project's machines preset Haswell, and on their AVX-512 CPU SKYLAKEX measured 1.8-1.9x the
    # GEMM throughput (350 against 181-193 GFLOP/s, bench/results/2026-12-02-*.md). To force a
    # type, set GANBOOK_OPENBLAS_CORETYPE; where nothing is detected, a preset value is kept.
    if [ -n "${GANBOOK_OPENBLAS_CORETYPE:-}" ]; then
      export OPENBLAS_CORETYPE="$GANBOOK_OPENBLAS_CORETYPE"
    elif [ -r /proc/cpuinfo ]; then
      ganbook_flags=$(grep -m1 '^flags' /proc/cpuinfo)
      case "$ganbook_flags" in
        *" avx512f "*" avx512bw "*|*" avx512bw "*" avx512f "*) export OPENBLAS_CORETYPE=SKYLAKEX ;;
        *" avx2 "*) export OPENBLAS_CORETYPE=HASWELL ;;
      esac
      unset ganbook_flags
    fi
    ;;
  *)
    echo "GANBOOK_BLAS must be mkl or openblas, got '$GANBOOK_BLAS'" >&2
    return 2 2>/dev/null || exit 2
    ;;
esac
