#!/usr/bin/env bash
# Builds the library and the kernel, and installs the Jupyter kernelspec "ganbook-java" for this
# user (~/.local/share/jupyter/kernels/ganbook-java, or under $JUPYTER_DATA_DIR). The kernelspec
# runs this checkout's build/kernel/ jars plus the library's dependencies from the Maven
# repository, so notebooks import org.ganbook.*, ND4J, Tablesaw and XChart with no setup cell.
# The kernelspec's logo (logo-32x32.png, logo-64x64.png, logo-svg.svg: what JupyterLab's launcher
# shows) is drawn here by environment/kernel_logo.py; no image is kept in git.
# Idempotent: running it again rebuilds what changed and rewrites the same kernelspec.
# GANBOOK_MAVEN_ARGS passes extra Maven arguments, e.g. -Pcuda for the CUDA backend (see README).
# For a shared installation (environment/classroom.sh):
#   GANBOOK_KERNEL_JARS=DIR     the kernel's jars and every dependency are linked (or copied) into
#                               DIR, and the kernelspec reads them there, not from ~/.m2
#   GANBOOK_KERNEL_MEMORY=...   the JVM's memory flags, in place of the defaults below
#   GANBOOK_KERNEL_JAVA_FLAGS=  more JVM flags (e.g. -Dganbook.loops.threads=1)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=cpu-env.sh
. "$root/environment/cpu-env.sh"

out="$root/build/kernel"
mkdir -p "$out"

echo "kernel: building the library and the kernel (mvn package)"
mvn -B -q ${GANBOOK_MAVEN_ARGS:-} -pl lib,kernel -am package -DskipTests
mvn -B -q ${GANBOOK_MAVEN_ARGS:-} -pl lib dependency:build-classpath -DincludeScope=runtime \
    -Dmdep.outputFile="$out/lib-dependencies.classpath" >/dev/null

lib_jar=$(ls "$root"/lib/target/ganbook-lib-*.jar | grep -v -e sources -e javadoc | head -n1)
# Copied and renamed, so that a kernel still running keeps reading the jars it opened.
for jar in "$lib_jar:ganbook-lib.jar" "$root/kernel/target/ganbook-kernel.jar:ganbook-kernel.jar"; do
  cp "${jar%%:*}" "$out/${jar##*:}.tmp" && mv -f "$out/${jar##*:}.tmp" "$out/${jar##*:}"
done
classpath="$out/ganbook-kernel.jar:$out/ganbook-lib.jar:$(cat "$out/lib-dependencies.classpath")"
if [ -n "${GANBOOK_KERNEL_JARS:-}" ]; then
  # Other users cannot read this user's ~/.m2: give them their own copy (a hard link where the
  # file system allows it), named as in the Maven repository so that versions stay visible.
  rm -rf "$GANBOOK_KERNEL_JARS"
  mkdir -p "$GANBOOK_KERNEL_JARS"
  shared=""
  IFS=: read -r -a jars <<< "$classpath"
  for jar in "${jars[@]}"; do
    target="$GANBOOK_KERNEL_JARS/$(basename "$jar")"
    ln "$jar" "$target" 2>/dev/null || cp "$jar" "$target"
    shared="${shared:+$shared:}$target"
  done
  chmod -R a+rX "$GANBOOK_KERNEL_JARS"
  classpath="$shared"
fi

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java_bin="$JAVA_HOME/bin/java"
else
  java_bin="$(readlink -f "$(command -v java)")"
fi

spec_dir="${JUPYTER_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/jupyter}/kernels/ganbook-java"
mkdir -p "$spec_dir"

python=/usr/bin/python3
[ -x "$root/.venv/bin/python" ] && python="$root/.venv/bin/python"   # environment/setup-python.sh
"$python" "$root/environment/kernel_logo.py" "$spec_dir"
JAVA_BIN="$java_bin" CLASSPATH_VALUE="$classpath" SPEC_DIR="$spec_dir" "$python" - <<'PY'
import json, os
# The BLAS's variables as environment/cpu-env.sh set them, and the JVM flag that loads it.
env = {}
for name in ("GANBOOK_BLAS", "OMP_WAIT_POLICY", "OPENBLAS_CORETYPE", "MKL_THREADING_LAYER", "GOMP_SPINCOUNT",
             "GANBOOK_DATA", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    if os.environ.get(name):
        env[name] = os.environ[name]
blas_flags = os.environ.get("GANBOOK_JAVA_BLAS", "").split()
# ND4J's arrays live off the Java heap and are freed when the GC finds their owners. ND4J 1.0.0-M2.1
# allocates them in libnd4j, outside JavaCPP's count (maxbytes sees none of them): what bounds them
# is maxphysicalbytes. At each allocation of its own (ND4J makes one for every array's shape)
# JavaCPP reads the process's resident memory and, past that figure, runs the GC, then throws
# OutOfMemoryError if the GC cannot bring it under. The check comes after an allocation, so one
# huge array still passes it: a hard cap is the operating system's (environment/classroom.sh puts
# each learner in a memory cgroup).
memory = os.environ.get("GANBOOK_KERNEL_MEMORY", "").split() or [
    "-Xmx3g", "-Dorg.bytedeco.javacpp.maxbytes=3g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=8g"]
spec = {
    "argv": [
        os.environ["JAVA_BIN"],
        "-Djava.awt.headless=true",
        *memory,
        *os.environ.get("GANBOOK_JAVA_VECTOR", "").split(),
        *os.environ.get("GANBOOK_KERNEL_JAVA_FLAGS", "").split(),
        *blas_flags,
        "-cp", os.environ["CLASSPATH_VALUE"],
        "org.ganbook.kernel.Main",
        "{connection_file}",
    ],
    "display_name": "Java (ganbook)",
    "language": "java",
    "interrupt_mode": "message",
    "env": env,
    "metadata": {"debugger": False},
}
path = os.path.join(os.environ["SPEC_DIR"], "kernel.json")
with open(path, "w") as f:
    json.dump(spec, f, indent=2)
    f.write("\n")
print("kernel: installed kernelspec ganbook-java at " + path + " (with its logo)")
PY
