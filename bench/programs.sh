# The program lists bench/run.sh and bench/native.sh share (sourced, not run).
# Every ../shared/bench program, as ProgramBenchmark's @Param names them.
JWASM_BENCH_ALL="ackermann base64 ctype ed25519 fib2 gimli heapsort keccak matrix memmove minicsv nestedloop random ratelimit seqhash sieve switch xblabla20 xchacha20 sightglass/noop sightglass/quicksort sightglass/richards sightglass/gcc-loops"
# GC workloads (.wat under the bench folder) join the runs by being listed here, e.g.
# JWASM_BENCH_GC="gc/binary-trees.wat"; engines without the GC proposal skip them with the reason.
JWASM_BENCH_GC="${JWASM_BENCH_GC:-}"
