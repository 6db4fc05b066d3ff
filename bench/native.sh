#!/usr/bin/env bash
# The native reference: the ../shared/bench programs on Node.js (V8, node:wasi), printing the same
# operation (instantiate + _start, output discarded) and units (ms/op; sightglass kernels between
# bench.start and bench.end) as bench/ does on the JVM. Installs nothing.
#   bench/native.sh [--warmup N] [--iterations N] [--jsonl FILE] [PROGRAM...]   (default: every program)
# Each program runs in its own node process, as each JMH trial runs in its own JVM, so that one
# program's crash (Node 20 has segfaulted here once, not reproducibly) costs only that program.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! command -v node >/dev/null 2>&1; then
  echo "native.sh: Node.js (node) is not installed here, so there is no native reference to measure; install Node.js 20 or newer and run again" >&2
  exit 1
fi
major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$major" -lt 20 ]; then
  echo "native.sh: Node.js $(node --version) is too old: node:wasi with version 'preview1' needs Node.js 20 or newer" >&2
  exit 1
fi
root="${JWASM_BENCH:-$here/../../shared/bench}"
if [ ! -d "$root" ]; then
  echo "native.sh: benchmark programs not found at $root; put them at ../shared/bench or set JWASM_BENCH=DIR" >&2
  exit 1
fi
args=()
programs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --warmup|--iterations|--jsonl) args+=("$1" "$2"); shift 2 ;;
    *) programs+=("$1"); shift ;;
  esac
done
if [ ${#programs[@]} -eq 0 ]; then
  # shellcheck source=bench/programs.sh
  source "$here/programs.sh"
  read -r -a programs <<<"$JWASM_BENCH_ALL"
fi
status=0
for program in "${programs[@]}"; do
  # node:wasi prints an ExperimentalWarning on every start; it says nothing about the measurement.
  node --no-warnings "$here/native.mjs" --root "$root" "${args[@]}" "$program" || {
    code=$?
    echo "jwasm-bench: not measured: node-$(node --version) $program: node exited with status $code"
    status=1
  }
done
exit $status
