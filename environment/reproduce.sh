#!/usr/bin/env bash
# The papers' long runs, one command each, resumable:
#
#   environment/reproduce.sh gan [--epochs 300] [--seed 1] [--update simultaneous|alternating] [--cost mean-cross-entropy|minus-v] [--noise uniform|gaussian]
#   environment/reproduce.sh ssl [--epochs 300] [--seed 1] [--data-seed 1] [--labels 100] [--adam-epsilon inside|outside]
#
# gan: Goodfellow et al. (2014), Table 1 (Parzen-window log-likelihood every 25 epochs).
# ssl: Salimans et al. (2016), Table 1 (test errors with 100 labels every 10 epochs); --data-seed
#      draws the labelled subset (improved-gan's --seed_data), apart from the networks' --seed.
#
# A run writes its learning curve and notes to results/<run>/ (committed) and a checkpoint every
# 5 epochs to ~/.cache/ganbook/runs/<run>/ (or $GANBOOK_DATA/runs; never in git). The same command
# started again, after a stop, a kill -9 or a reboot, resumes from the last checkpoint. For hours of
# training, start it in the background:
#
#   nohup environment/reproduce.sh gan > gan.log 2>&1 &
#
# The run executes a copy of the library's jar, so rebuilding the working tree meanwhile does not
# touch it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

case "${1:-}" in
  gan) main=org.ganbook.runs.PaperGanRun ;;
  ssl) main=org.ganbook.runs.SemiSupervisedRun ;;
  *)
    sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2 ;;
esac
shift

environment/fetch-mnist.sh >/dev/null
# shellcheck source=cpu-env.sh
. environment/cpu-env.sh

mvn -B -q -pl lib -am install -DskipTests
mvn -B -q -pl lib dependency:build-classpath -Dmdep.outputFile="$root/lib/target/classpath.txt" >/dev/null
cache="${GANBOOK_DATA:-$HOME/.cache/ganbook}/runs/jars"
mkdir -p "$cache"
jar=$(ls lib/target/ganbook-lib-*.jar | head -1)
copy="$cache/$(sha256sum "$jar" | cut -c1-16).jar"
[ -f "$copy" ] || cp "$jar" "$copy"

# shellcheck disable=SC2086  # GANBOOK_JAVA_BLAS is empty or one flag
exec java -Xmx6g "$GANBOOK_JAVA_VECTOR" $GANBOOK_JAVA_BLAS -cp "$copy:$(cat lib/target/classpath.txt)" "$main" "$@"
