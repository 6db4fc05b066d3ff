#!/usr/bin/env bash
# Runs the benchmark suite and generates docs/PERFORMANCE.md and docs/performance.svg from it.
#   bench/run.sh quick   a documented subset, few iterations: under 15 minutes on 2 cores
#   bench/run.sh full    every program and micro-benchmark, more iterations (hours; see README)
#   bench/run.sh gc      the GC proposal workloads alone (GcBenchmark: jwasm and Chicory), few
#                        iterations; regenerates only the GC section of docs/PERFORMANCE.md
# Raw results go to bench/target/perf/ (bench/target/perf-gc/ for gc: JMH JSON, the native
# reference's JSON lines, the GC statistics' JSON lines, the log and the machine's description);
# bench/report.py turns them into the report.
# Environment: JWASM_BENCH=DIR (the programs, default ../shared/bench), BENCH_SKIP_BUILD=1,
# BENCH_NO_REPORT=1, JMH_IGNORE_LOCK=1 (run even while another JMH run holds /tmp/jmh.lock).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$(cd "$here/.." && pwd)"
mode="${1:-}"
case "$mode" in
  quick|full|gc) ;;
  *) echo "usage: bench/run.sh quick|full|gc" >&2; exit 2 ;;
esac
# shellcheck source=bin/find-jdk
source "$project/bin/find-jdk"
jdk="$(jwasm_find_jdk)"
java="$jdk/bin/java"
# shellcheck source=bench/programs.sh
source "$here/programs.sh"
root="$(cd "${JWASM_BENCH:-$project/../shared/bench}" 2>/dev/null && pwd)" || {
  echo "run.sh: benchmark programs not found; put them at ../shared/bench or set JWASM_BENCH=DIR" >&2
  exit 1
}
out="$here/target/perf"
[ "$mode" = gc ] && out="$here/target/perf-gc"
rm -rf "$out"
mkdir -p "$out"
log="$out/run.log"

# --- what each mode measures ------------------------------------------------------------------
jwasm_runtimes="jwasm-interp-heap,jwasm-interp-mmap,jwasm-jit-heap,jwasm-jit-mmap"
jvm_runtimes="chicory-interp,chicory-compiler,$jwasm_runtimes"
# GcBenchmark: binary-trees at depth 16 and list-map, every engine running the GC proposal. One
# operation of Chicory's interpreter takes over a minute here, so iterations are single operations.
gc_runtimes="jwasm-interp,jwasm-jit,chicory-interp,chicory-compiler"
gc_opts=(-f 1 -wi 1 -w 1 -i 2 -r 1 -to 20m)
if [ "$mode" = quick ] || [ "$mode" = gc ]; then
  # Programs that take at most a few seconds per run on the slowest engine (Chicory's interpreter):
  # integer, crypto and memory-bound code, a sightglass kernel (quicksort) and start-up alone (noop).
  # Not sightglass/richards: 33 s per run on Chicory's compiler and over 100 s on its interpreter here.
  programs="gimli keccak memmove nestedloop sightglass/noop sightglass/quicksort"
  graal_runtimes="graalwasm-jit"
  prog_opts=(-f 1 -wi 1 -w 1 -i 2 -r 1)
  micro_opts=(-f 1 -wi 1 -w 1 -i 3 -r 1)
  shot_opts=(-f 1 -wi 1 -i 2)
  native_opts=(--warmup 1 --iterations 3)
  micro="CallBenchmark|WasmLoadStoreBenchmark|memory.LoadStoreBenchmark|DecodeBenchmark"
  shots="StartupBenchmark|ChicoryCompileBenchmark"
else
  programs="$JWASM_BENCH_ALL${JWASM_BENCH_GC:+ $JWASM_BENCH_GC}"
  graal_runtimes="graalwasm-jit,graalwasm-interp"
  prog_opts=(-f 1 -wi 2 -w 5 -i 5 -r 5 -to 20m)
  micro_opts=(-f 2 -wi 3 -w 2 -i 5 -r 2)
  shot_opts=(-f 1 -wi 2 -i 5 -to 20m)
  gc_opts=(-f 1 -wi 2 -w 5 -i 5 -r 5 -to 20m)
  native_opts=(--warmup 2 --iterations 5)
  micro="CallBenchmark|WasmLoadStoreBenchmark|memory.LoadStoreBenchmark|DecodeBenchmark|GrowBenchmark"
  shots="StartupBenchmark|ChicoryCompileBenchmark"
fi
exclusions="$here/exclusions-$mode.tsv"
[ -f "$exclusions" ] || exclusions=/dev/null

# --- build --------------------------------------------------------------------------------------
if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
  echo "run.sh: building bench (./mvnw -pl bench -am package)"
  # build-classpath lists the GraalWasm and Graal compiler jars for the module path below.
  "$project/mvnw" -B -q -f "$project/pom.xml" -pl bench -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.pathSeparator=: 2>&1 | grep -v -E 'sun\.misc\.Unsafe|^WARNING: Please consider' || true
fi
jar="$here/target/benchmarks.jar"
[ -f "$jar" ] || { echo "run.sh: $jar is missing; the build failed" >&2; exit 1; }

# --- the machine ----------------------------------------------------------------------------------
{
  echo "mode=$mode"
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "started_epoch=$(date +%s)"
  echo "commit=$(git -C "$project" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$project" diff --quiet -- . ":!docs" 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "uptime_start=$(uptime)"
  echo "cpu=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
  echo "cores=$(nproc)"
  echo "memory=$(free -h | awk '/^Mem:/ {print $2}')"
  echo "os=$(uname -sr)"
  echo "java=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.vm.name = //p') $("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')"
  echo "node=$(command -v node >/dev/null && node --version || echo absent)"
} >"$out/machine.txt"

jmh_lock=()
[ "${JMH_IGNORE_LOCK:-}" = 1 ] && jmh_lock=(-Djmh.ignoreLock=true)
jvm_args="-Djwasm.bench=$root -Djwasm.bench.exclusions=$exclusions --enable-native-access=ALL-UNNAMED"
echo "jvm_args=$jvm_args" >>"$out/machine.txt"

jmh() { # NAME ARGS...: one JMH run writing $out/NAME.json, its output appended to the log
  local name="$1"
  shift
  echo "run.sh: JMH $name: $*" | tee -a "$log"
  "$java" "${jmh_lock[@]}" -jar "$jar" "$@" -rf json -rff "$out/$name.json" 2>&1 | tee -a "$log" |
    grep -E --line-buffered '^# (Benchmark|Parameters):|jwasm-bench:|Iteration .*failure|^(Result|  [0-9])' || true
}

gc_bench() { # the GC workloads, Chicory and jwasm in one JMH run; statistics to gc-stats.jsonl
  jmh gc GcBenchmark -p "runtime=$gc_runtimes" "${gc_opts[@]}" \
    -jvmArgsAppend "$jvm_args -Djwasm.bench.gcstats=$out/gc-stats.jsonl"
}
if [ "$mode" = gc ]; then
  gc_bench
  echo "uptime_end=$(uptime)" >>"$out/machine.txt"
  echo "ended_epoch=$(date +%s)" >>"$out/machine.txt"
  if [ "${BENCH_NO_REPORT:-}" != 1 ]; then
    python3 "$here/report.py" --gc "$out" "$project/docs"
  fi
  exit 0
fi

# --- the programs: Chicory and jwasm in one JMH run ---------------------------------------------------
jmh programs ProgramBenchmark -p "program=${programs// /,}" -p "runtime=$jvm_runtimes" "${prog_opts[@]}" \
  -jvmArgsAppend "$jvm_args"

# --- GraalWasm: its own JMH run, since its JVM needs the Graal compiler through JVMCI ----------------
mp_file="$here/target/bench-classpath.txt"
graal_jars="$( [ -s "$mp_file" ] && tr ':' '\n' <"$mp_file" | grep '/org/graalvm/.*\.jar$' || true)"
if [ -n "$graal_jars" ]; then
  compiler="$(grep '/org/graalvm/compiler/' <<<"$graal_jars" || true)"
  modules="$(grep -v '/org/graalvm/compiler/' <<<"$graal_jars" | paste -sd: -)"
  graal_args="$jvm_args --module-path=$modules --add-modules=org.graalvm.polyglot --enable-native-access=org.graalvm.truffle -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=$compiler"
  echo "graal_jvm_args=$graal_args" >>"$out/machine.txt"
  jmh graal ProgramBenchmark -p "program=${programs// /,}" -p "runtime=$graal_runtimes" "${prog_opts[@]}" \
    -jvmArgsAppend "$graal_args"
else
  echo "jwasm-bench: not measured: graalwasm-jit *: $mp_file is missing (run without BENCH_SKIP_BUILD once)" | tee -a "$log"
fi

# --- micro-benchmarks ---------------------------------------------------------------------------
jmh micro "$micro" "${micro_opts[@]}" -jvmArgsAppend "$jvm_args -Xmx3g"
jmh startup "$shots" "${shot_opts[@]}" -jvmArgsAppend "$jvm_args"
# Quick runs leave the GC workloads to `bench/run.sh gc` (a quarter of an hour on their own); the
# report keeps the GC section of the last such run.
if [ "$mode" = full ]; then gc_bench; fi

# --- the native reference -----------------------------------------------------------------------
echo "run.sh: native reference (bench/native.sh)" | tee -a "$log"
# shellcheck disable=SC2086
JWASM_BENCH="$root" "$here/native.sh" "${native_opts[@]}" --jsonl "$out/native.jsonl" $programs 2>&1 | tee -a "$log" || true

echo "uptime_end=$(uptime)" >>"$out/machine.txt"
echo "ended_epoch=$(date +%s)" >>"$out/machine.txt"
if [ "${BENCH_NO_REPORT:-}" != 1 ]; then
  python3 "$here/report.py" "$out" "$project/docs"
fi
