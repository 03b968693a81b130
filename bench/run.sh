#!/usr/bin/env bash
# Two benchmarks, each ganbook on ND4J against PyTorch on the same CPU in the same run and against
# the float32 GEMM bound (see bench/README.md):
#   algorithm1: one Algorithm 1 iteration (k = 1, m = 100) of the paper's MNIST networks;
#   ssl: one semi-supervised GAN iteration (m = 100) of improved-gan's MNIST networks.
#
# usage: bench/run.sh [--warmup N] [--iterations N] [--rounds R] [--samediff] [--only algorithm1|ssl]
#   N timed iterations of each benchmark in all, in R rounds that alternate Java and PyTorch (so that
#   both see the same load from other work on the machine), each round after N warm-up iterations
#   (600 by default: the JIT still compiles the library's Java loops after 200 iterations; see bench/README.md);
#   --samediff adds the SameDiff variant of Algorithm 1's iteration to Java's rounds; --only runs one.
# Writes bench/results/<date>-<cpu>-<cores>c.md with a table for each benchmark. The peer runs under
# the PyTorch pinned in bench/requirements-peer.txt (PyPI), installed into bench/.venv-peer/ when
# missing or when the pins changed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
command_line="bench/run.sh${*:+ $*}"

warmup=600
iterations=200
rounds=4
java_extra=()
benchmarks=(algorithm1 ssl)
while (($#)); do
  case "$1" in
    --warmup) warmup=$2; shift 2 ;;
    --iterations) iterations=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --samediff) java_extra+=(--samediff); shift ;;
    --only) benchmarks=("$2"); shift 2 ;;
    *) echo "unknown option $1; usage: bench/run.sh [--warmup N] [--iterations N] [--rounds R] [--samediff] [--only algorithm1|ssl]" >&2; exit 2 ;;
  esac
done

# --- the peer's software: the PyTorch that a learner installs today, from PyPI (pinned in
# bench/requirements-peer.txt), in a virtual environment of the benchmark's own (bench/.venv-peer/,
# about 5 GB with torch's CUDA wheels, which the CPU run never loads). pip runs again only when the
# pins change.
peer_venv="$root/bench/.venv-peer"
peer_pins="$root/bench/requirements-peer.txt"
if ! cmp -s "$peer_pins" "$peer_venv/.installed-requirements.txt"; then
  base_python=/usr/bin/python3; [ -x "$base_python" ] || base_python=$(command -v python3)
  echo "installing the peer: $(grep -m1 '^torch==' "$peer_pins") into $peer_venv"
  rm -rf "$peer_venv"
  "$base_python" -m venv "$peer_venv" \
    || { echo "python3 -m venv failed: apt-get install python3-venv" >&2; exit 1; }
  "$peer_venv/bin/pip" install -q --disable-pip-version-check -r "$peer_pins"
  cp "$peer_pins" "$peer_venv/.installed-requirements.txt"
fi
peer_python="$peer_venv/bin/python"

# --- build the library and the benchmark, and the classpath to run it with
mvn -B -q -pl bench -am package -DskipTests \
  dependency:build-classpath -Dmdep.outputFile="$root/bench/target/classpath.txt" -Dmdep.includeScope=runtime
classpath="$root/bench/target/classes:$(cat "$root/bench/target/classpath.txt")"

# The BLAS under ND4J (GANBOOK_BLAS: MKL on Intel CPUs, OpenBLAS elsewhere) and its threads' settings.
source environment/cpu-env.sh

log=$(mktemp -d)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load before: $load_before"
per_round=$(( (iterations + rounds - 1) / rounds ))
show() { grep -v -e '^RESULT' -e '^SAMPLES' -e '^SLF4J' -e ' INFO ' -e '^Added differentiated op' "$@" | sed 's/^/  /'; }
for round in $(seq 1 "$rounds"); do
  gemm=(); [ "$round" -gt 1 ] && gemm=(--no-gemm)
  echo "round $round of $rounds: $per_round iterations each (load $(cut -d' ' -f1 /proc/loadavg))"
  for benchmark in "${benchmarks[@]}"; do
    case "$benchmark" in
      algorithm1)
        java -Xmx4g "$GANBOOK_JAVA_VECTOR" $GANBOOK_JAVA_BLAS -cp "$classpath" org.ganbook.bench.IterationBenchmark \
          --warmup "$warmup" --iterations "$per_round" "${java_extra[@]}" "${gemm[@]}" > "$log/java-a1-$round.txt" 2>&1 \
          || { cat "$log/java-a1-$round.txt"; exit 1; }
        show "$log/java-a1-$round.txt"
        "$peer_python" bench/peer_torch.py --warmup "$warmup" --iterations "$per_round" --threads 2 "${gemm[@]}" > "$log/torch-a1-$round.txt" 2>&1 \
          || { cat "$log/torch-a1-$round.txt"; exit 1; }
        show "$log/torch-a1-$round.txt" ;;
      ssl)
        java -Xmx4g "$GANBOOK_JAVA_VECTOR" $GANBOOK_JAVA_BLAS -cp "$classpath" org.ganbook.bench.SemiSupervisedBenchmark \
          --warmup "$warmup" --iterations "$per_round" "${gemm[@]}" > "$log/java-ssl-$round.txt" 2>&1 \
          || { cat "$log/java-ssl-$round.txt"; exit 1; }
        show "$log/java-ssl-$round.txt"
        "$peer_python" bench/peer_torch_ssl.py --warmup "$warmup" --iterations "$per_round" --threads 2 > "$log/torch-ssl-$round.txt" 2>&1 \
          || { cat "$log/torch-ssl-$round.txt"; exit 1; }
        show "$log/torch-ssl-$round.txt" ;;
      *) echo "unknown benchmark $benchmark (algorithm1 or ssl)" >&2; exit 2 ;;
    esac
  done
done
cat "$log"/java-*.txt > "$log/java.txt"
cat "$log"/torch-*.txt > "$log/torch.txt"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load after: $load_after"

# The median, p10 and p90 of every round's iterations together, as RESULT lines like the benchmarks'
# own; CPU time per iteration as the mean over the rounds; peak resident memory, the largest round's.
python3 - "$log/java.txt" "$log/torch.txt" > "$log/pooled.txt" <<'PY'
import sys, statistics
text = "".join(open(path).read() for path in sys.argv[1:]).splitlines()
pooled = {}
for line in text:
    if line.startswith("SAMPLES "):
        key, *ms = line.split()[1:]
        pooled.setdefault(key, []).extend(map(float, ms))
for key, ms in pooled.items():
    q = statistics.quantiles(ms, n=10, method="inclusive")
    print(f"RESULT {key}_ms={statistics.median(ms):.2f}\nRESULT {key}_p10={q[0]:.2f}\nRESULT {key}_p90={q[-1]:.2f}\nRESULT {key}_n={len(ms)}")
per_round = {}
for line in text:
    if line.startswith("RESULT ") and ("_cpu_ms=" in line or "_rss_mb=" in line):
        key, value = line[len("RESULT "):].split("=")
        per_round.setdefault(key, []).append(float(value))
for key, values in per_round.items():
    if key.endswith("_cpu_ms"):
        print(f"RESULT {key}_mean={statistics.mean(values):.2f}")
    else:
        print(f"RESULT {key}_max={max(values):.0f}")
PY
# Round by round: ganbook's median over PyTorch's in the process that ran right after it. Slow drift
# of the machine's speed between rounds (a noisy host's) moves these less than the pooled medians.
python3 - "$log" "$rounds" >> "$log/pooled.txt" <<'PY'
import os, statistics, sys
log, rounds = sys.argv[1], int(sys.argv[2])
def medians(path):
    out = {}
    if os.path.exists(path):
        for line in open(path).read().splitlines():
            if line.startswith("SAMPLES "):
                key, *ms = line.split()[1:]
                out[key] = statistics.median(map(float, ms))
    return out
for name, prefix in (("a1", ""), ("ssl", "ssl_")):
    ratios = []
    for r in range(1, rounds + 1):
        java, torch = medians(f"{log}/java-{name}-{r}.txt"), medians(f"{log}/torch-{name}-{r}.txt")
        if f"{prefix}nd4j" in java and f"{prefix}torch" in torch:
            ratios.append(java[f"{prefix}nd4j"] / torch[f"{prefix}torch"])
    if ratios:
        print(f"RESULT {prefix}paired_ratios={', '.join(f'{x:.2f}' for x in ratios)}")
        print(f"RESULT {prefix}paired_median={statistics.median(ratios):.2f}")
PY
result() { grep -h "^RESULT $1=" "$log/java.txt" "$log/torch.txt" "$log/pooled.txt" | tail -1 | cut -d= -f2-; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "n/a"; else printf "%.2f", a / b }'; }
# The targets (issue 11): ganbook's median time at most 0.8x PyTorch's in the same run (ganbook
# faster), at most 2x the GEMM bound, and its p90 at most 1.3x its median.
verdict() { awk -v r="$1" -v limit="$2" 'BEGIN { if (r == "n/a") print "n/a"; else print (r + 0 <= limit) ? "met" : "not met" }'; }

# table PREFIX TITLE: one benchmark's table (PREFIX "" for Algorithm 1, "ssl_" for the semi-supervised GAN)
table() {
  local p=$1 nd4j torch bound samediff_row="" r_time r_bound r_p90
  nd4j=$(result "${p}nd4j_ms"); torch=$(result "${p}torch_ms"); bound=$(result "${p}bound_ms")
  if [ -z "$p" ] && [ -n "$(result samediff_ms)" ]; then
    samediff_row="| ND4J SameDiff (same iteration) | $(result samediff_ms) | $(result samediff_p10) | $(result samediff_p90) | $(result samediff_cpu_ms_mean) | $(result samediff_rss_mb_max) |
"
  fi
  r_time=$(ratio "$nd4j" "$torch"); r_bound=$(ratio "$nd4j" "$bound"); r_p90=$(ratio "$(result "${p}nd4j_p90")" "$nd4j")
  cat <<EOF
### $2

| | median ms | p10 | p90 | CPU ms (all threads) | peak RSS MB |
|---|---:|---:|---:|---:|---:|
| ganbook on ND4J (hand-written backprop) | $nd4j | $(result "${p}nd4j_p10") | $(result "${p}nd4j_p90") | $(result "${p}nd4j_cpu_ms_mean") | $(result "${p}nd4j_rss_mb_max") |
$samediff_row| PyTorch $(result torch_version)$( [ -n "$(result torch_blas)" ] && echo " on $(result torch_blas | cut -d' ' -f1-2)"), 2 threads | $torch | $(result "${p}torch_p10") | $(result "${p}torch_p90") | $(result "${p}torch_cpu_ms_mean") | $(result "${p}torch_rss_mb_max") |
| GEMM bound: $(result "${p}gemm_gflop") GFLOP in $(result "${p}gemm_count") GEMMs / $(result "${p}gemm_gflops") GFLOP/s | $bound | | | | |
| the iteration's own GEMMs (the layers' BLAS calls), back to back | $(result "${p}shapes_ms") | | | | |

- ganbook time / PyTorch time: **$r_time** (target: at most 0.8, ganbook faster: $(verdict "$r_time" 0.8))
- round by round, ganbook's median / PyTorch's in the process right after it: $(result "${p}paired_ratios") (median $(result "${p}paired_median"); a second view, which the machine's drift between rounds moves less)
- ganbook time / GEMM bound: $r_bound (target: at most 2: $(verdict "$r_bound" 2)); PyTorch time / GEMM bound: $(ratio "$torch" "$bound")
- ganbook p90 / median: $r_p90 (target: at most 1.3: $(verdict "$r_p90" 1.3))
- ganbook / PyTorch CPU time: $(ratio "$(result "${p}nd4j_cpu_ms_mean")" "$(result "${p}torch_cpu_ms_mean")") (CPU time of all threads, spin-waiting included: a second view, no substitute for a quiet machine)
EOF
}
summary=""
for benchmark in "${benchmarks[@]}"; do
  case "$benchmark" in
    algorithm1) summary+="$(table "" "Algorithm 1: the paper's MNIST networks (k = 1, m = 100, SGD with momentum)")"$'\n\n' ;;
    ssl) summary+="$(table ssl_ "Semi-supervised GAN: improved-gan's MNIST networks (m = 100, Adam, moving average of D)")"$'\n\n' ;;
  esac
done
echo
echo "$summary"

nd4j_version=$(grep -o 'nd4j-api-[^/:]*\.jar' bench/target/classpath.txt | head -1 | sed 's/^nd4j-api-//; s/\.jar$//')
case "$GANBOOK_BLAS" in
  mkl) blas_line="MKL $(grep -o 'mkl-[0-9][^/:]*-redist\.jar' bench/target/classpath.txt | head -1 | sed 's/^mkl-//; s/-linux.*//') (GANBOOK_BLAS=mkl: MKL_THREADING_LAYER=$MKL_THREADING_LAYER, GOMP_SPINCOUNT=$GOMP_SPINCOUNT)" ;;
  *) blas_line="bundled OpenBLAS 0.3.19 (GANBOOK_BLAS=openblas: OMP_WAIT_POLICY=$OMP_WAIT_POLICY, OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset})" ;;
esac
cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
cores=$(nproc)
slug=$(echo "$cpu" | tr 'A-Z' 'a-z' | sed 's/([^)]*)//g; s/[^a-z0-9]\+/-/g; s/^-//; s/-$//')
mkdir -p bench/results
file="bench/results/$(date +%F)-$slug-${cores}c.md"
[ -e "$file" ] && file="bench/results/$(date +%F-%H%M)-$slug-${cores}c.md"
cat > "$file" <<EOF
# Benchmarks (${benchmarks[*]}), $(date +%F)

Command: \`$command_line\` ($rounds rounds alternating ND4J and PyTorch, each a fresh process with $warmup warm-up iterations then $per_round timed ones)

$summary
## Machine
- CPU: $cpu, $cores cores ($(lscpu | awk -F: '/^Thread\(s\) per core/ {gsub(/ /, "", $2); print $2}') thread(s) per core), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) memory; $(uname -sr)
- Load average (1, 5, 15 min): $load_before before, $load_after after
- Java $(result java_version); ND4J $nd4j_version (nd4j-native linux-x86_64); BLAS under ND4J: $blas_line
- PyTorch $(result torch_version) (PyPI, bench/.venv-peer, Python $("$peer_python" -c 'import platform; print(platform.python_version())')), $(result torch_threads) threads; $(if [ -n "$(result torch_blas)" ]; then echo "BLAS: $(result torch_blas); its float32 GEMM 2048^3: $(result torch_gemm_gflops) GFLOP/s (best of 10)"; else echo "its BLAS and GEMM throughput: measured by Algorithm 1's peer, not run here"; fi)
- ganbook commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- lib bench || echo " (with uncommitted changes)")

## Output
\`\`\`
$(for r in $(seq 1 "$rounds"); do echo "round $r"; for f in "$log/java-a1-$r.txt" "$log/torch-a1-$r.txt" "$log/java-ssl-$r.txt" "$log/torch-ssl-$r.txt"; do if [ -e "$f" ]; then show "$f"; fi; done; done)
\`\`\`
EOF
rm -r "$log"
echo
echo "wrote $file"
