#!/usr/bin/env bash
# One Algorithm 1 iteration (k = 1, m = 100) of the paper's MNIST networks: ganbook on ND4J against
# PyTorch on the same CPU in the same run, and against the float32 GEMM bound. See bench/README.md.
#
# usage: bench/run.sh [--warmup N] [--iterations N] [--rounds R] [--samediff]
#   N timed iterations of each benchmark in all, in R rounds that alternate Java and PyTorch (so that
#   both see the same load from other work on the machine), each round after N warm-up iterations
#   (200 by default: the JVM reaches its steady state after 100-200 iterations; see bench/README.md);
#   --samediff adds the SameDiff variant of the iteration to Java's rounds.
# Writes bench/results/<date>-<cpu>.md. Installs python3-torch and OpenMP OpenBLAS with apt-get
# (as root or through sudo) when they are missing, and selects that OpenBLAS for libblas.so.3.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
command_line="bench/run.sh${*:+ $*}"

warmup=200
iterations=200
rounds=4
java_extra=()
while (($#)); do
  case "$1" in
    --warmup) warmup=$2; shift 2 ;;
    --iterations) iterations=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --samediff) java_extra+=(--samediff); shift ;;
    *) echo "unknown option $1; usage: bench/run.sh [--warmup N] [--iterations N] [--rounds R] [--samediff]" >&2; exit 2 ;;
  esac
done

sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi

# --- the peer's software: Debian's PyTorch on OpenMP OpenBLAS (Debian's default reference BLAS is 25x slower)
missing=()
for package in python3-torch libopenblas0-openmp; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)
for lib in libblas.so.3 liblapack.so.3; do
  want=/usr/lib/$multiarch/openblas-openmp/$lib
  if [ "$(readlink -f "/usr/lib/$multiarch/$lib")" != "$want" ]; then
    "${sudo[@]}" update-alternatives --set "$lib-$multiarch" "$want"
  fi
done

# --- build the library and the benchmark, and the classpath to run it with
mvn -B -q -pl bench -am package -DskipTests \
  dependency:build-classpath -Dmdep.outputFile="$root/bench/target/classpath.txt" -Dmdep.includeScope=runtime
classpath="$root/bench/target/classes:$(cat "$root/bench/target/classpath.txt")"

# OMP_WAIT_POLICY=passive and OPENBLAS_CORETYPE: the two settings ND4J's CPU backend needs here.
source environment/cpu-env.sh

log=$(mktemp -d)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load before: $load_before"
per_round=$(( (iterations + rounds - 1) / rounds ))
for round in $(seq 1 "$rounds"); do
  gemm=(); [ "$round" -gt 1 ] && gemm=(--no-gemm)
  echo "round $round of $rounds: $per_round iterations each (load $(cut -d' ' -f1 /proc/loadavg))"
  java -Xmx4g -cp "$classpath" org.ganbook.bench.IterationBenchmark \
    --warmup "$warmup" --iterations "$per_round" "${java_extra[@]}" "${gemm[@]}" > "$log/java$round.txt" 2>&1 \
    || { cat "$log/java$round.txt"; exit 1; }
  grep -v -e '^RESULT' -e '^SAMPLES' -e '^SLF4J' -e ' INFO ' -e '^Added differentiated op' "$log/java$round.txt" | sed 's/^/  /'
  /usr/bin/python3 bench/peer_torch.py --warmup "$warmup" --iterations "$per_round" --threads 2 "${gemm[@]}" > "$log/torch$round.txt" 2>&1 \
    || { cat "$log/torch$round.txt"; exit 1; }
  grep -v -e '^RESULT' -e '^SAMPLES' "$log/torch$round.txt" | sed 's/^/  /'
done
cat "$log"/java[0-9]*.txt > "$log/java.txt"
cat "$log"/torch[0-9]*.txt > "$log/torch.txt"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load after: $load_after"

# The median, p10 and p90 of every round's iterations together, as RESULT lines like the benchmarks' own.
cat "$log/java.txt" "$log/torch.txt" | /usr/bin/python3 -c '
import sys, statistics
pooled = {}
for line in sys.stdin:
    if line.startswith("SAMPLES "):
        key, *ms = line.split()[1:]
        pooled.setdefault(key, []).extend(map(float, ms))
for key, ms in pooled.items():
    q = statistics.quantiles(ms, n=10, method="inclusive")
    print(f"RESULT {key}_ms={statistics.median(ms):.2f}\nRESULT {key}_p10={q[0]:.2f}\nRESULT {key}_p90={q[-1]:.2f}\nRESULT {key}_n={len(ms)}")
# CPU time per iteration: the mean over the rounds (each round has as many iterations).
cpu = {}
for line in open(sys.argv[1]).read().splitlines():
    if line.startswith("RESULT ") and "_cpu_ms=" in line:
        key, value = line[len("RESULT "):].split("=")
        cpu.setdefault(key, []).append(float(value))
for key, values in cpu.items():
    print(f"RESULT {key}_mean={statistics.mean(values):.2f}")
' <(cat "$log/java.txt" "$log/torch.txt") > "$log/pooled.txt"
result() { grep -h "^RESULT $1=" "$log/java.txt" "$log/torch.txt" "$log/pooled.txt" | tail -1 | cut -d= -f2-; }
nd4j=$(result nd4j_ms); torch=$(result torch_ms); bound=$(result bound_ms)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict=$(awk -v n="$nd4j" -v t="$torch" 'BEGIN { print (n <= 1.25 * t) ? "met" : "not met" }')

samediff_row=""
if [ -n "$(result samediff_ms)" ]; then
  samediff_row="| ND4J SameDiff (same iteration) | $(result samediff_ms) | $(result samediff_p10) | $(result samediff_p90) | $(result samediff_cpu_ms_mean) |
"
fi
nd4j_version=$(grep -o 'nd4j-api-[^/:]*\.jar' bench/target/classpath.txt | head -1 | sed 's/^nd4j-api-//; s/\.jar$//')
summary=$(cat <<EOF
| | median ms | p10 | p90 | CPU ms (all threads) |
|---|---:|---:|---:|---:|
| ganbook on ND4J (hand-written backprop) | $nd4j | $(result nd4j_p10) | $(result nd4j_p90) | $(result nd4j_cpu_ms_mean) |
$samediff_row| PyTorch $(result torch_version), 2 threads | $torch | $(result torch_p10) | $(result torch_p90) | $(result torch_cpu_ms_mean) |
| GEMM bound: $(result gemm_gflop) GFLOP / $(result gemm_gflops) GFLOP/s | $bound | | | |
| the iteration's own GEMMs on ND4J, back to back | $(result shapes_ms) | | | |

- ND4J / PyTorch time: **$(ratio "$nd4j" "$torch")** (ND4J's speed is $(ratio "$torch" "$nd4j")x PyTorch's; target: time <= 1.25, i.e. speed >= 0.8x: $verdict)
- ND4J / PyTorch CPU time: $(ratio "$(result nd4j_cpu_ms_mean)" "$(result torch_cpu_ms_mean)") (CPU time of all threads, spin-waiting included: a second view, no substitute for a quiet machine)
- ND4J / GEMM bound: $(ratio "$nd4j" "$bound"); PyTorch / GEMM bound: $(ratio "$torch" "$bound")
EOF
)
echo
echo "$summary"

cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
cores=$(nproc)
slug=$(echo "$cpu" | tr 'A-Z' 'a-z' | sed 's/([^)]*)//g; s/[^a-z0-9]\+/-/g; s/^-//; s/-$//')
mkdir -p bench/results
file="bench/results/$(date +%F)-$slug-${cores}c.md"
cat > "$file" <<EOF
# One Algorithm 1 iteration, $(date +%F)

Command: \`$command_line\` (k = 1, m = 100; $rounds rounds alternating ND4J and PyTorch, each a fresh process with $warmup warm-up iterations then $per_round timed ones: $(result nd4j_n) timed iterations of each in all)

$summary

## Machine
- CPU: $cpu, $cores cores ($(lscpu | awk -F: '/^Thread\(s\) per core/ {gsub(/ /, "", $2); print $2}') thread(s) per core), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) memory; $(uname -sr)
- Load average (1, 5, 15 min): $load_before before, $load_after after
- Java $(result java_version); ND4J $nd4j_version (nd4j-native linux-x86_64, bundled OpenBLAS 0.3.19); OMP_WAIT_POLICY=$OMP_WAIT_POLICY, OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}
- PyTorch $(result torch_version) (Debian python3-torch, /usr/bin/python3 $(/usr/bin/python3 -c 'import platform; print(platform.python_version())')), $(result torch_threads) threads; BLAS: $(result torch_blas); its float32 GEMM 2048^3: $(result torch_gemm_gflops) GFLOP/s (best of 10)
- ganbook commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- lib bench || echo " (with uncommitted changes)")

## Output
\`\`\`
$(for r in $(seq 1 "$rounds"); do echo "round $r"; cat "$log/java$r.txt" "$log/torch$r.txt" | grep -v -e '^RESULT' -e '^SAMPLES' -e '^SLF4J' -e ' INFO ' -e '^Added differentiated op' | sed 's/^/  /'; done)
\`\`\`
EOF
rm -r "$log"
echo
echo "wrote $file"
