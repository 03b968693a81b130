# Sourced (not run) by every script that launches a JVM using ND4J: the kernel's installer,
# the tests and the benchmarks. It sets the two variables the CPU backend needs on small machines.

# libnd4j's OpenMP threads and OpenBLAS's own threads spin-wait against each other on 2 cores
# (3-4x slower) unless OpenMP waits passively.
export OMP_WAIT_POLICY=passive

# ND4J 1.0.0-M2.1 bundles OpenBLAS 0.3.19, which does not recognise recent CPUs (AMD Zen 3/4,
# new Intel cores) and falls back to slow generic kernels. Choose the best core type it knows from
# the instruction sets this CPU reports. This replaces a preset OPENBLAS_CORETYPE: this project's
# machines preset Haswell, and on their AVX-512 CPU SKYLAKEX measured 1.8-1.9x the GEMM throughput
# (350 against 181-193 GFLOP/s, bench/results/2026-12-02-*.md). To force a type, set
# GANBOOK_OPENBLAS_CORETYPE; where nothing is detected, a preset value is kept.
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
