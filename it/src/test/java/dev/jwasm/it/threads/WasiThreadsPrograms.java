package dev.jwasm.it.threads;

/**
 * wasi-threads programs in WAT, shaped as wasi-libc's are: they import {@code env memory}
 * (shared), {@code wasi thread-spawn}, and export {@code wasi_thread_start} and {@code _start}.
 */
final class WasiThreadsPrograms {
    private WasiThreadsPrograms() {}

    /** What {@link #SPAWN_JOIN} prints: 1000 × (1 + 2 + 3 + 4). */
    static final String SPAWN_JOIN_OUTPUT = "total 10000\n";

    /**
     * Spawns four threads with start arguments 1 to 4; thread k adds k to a shared sum 1000 times
     * with {@code i32.atomic.rmw.add}, then counts itself out and notifies. The main thread joins
     * them by waiting on the count with {@code memory.atomic.wait32}, then prints the sum. It exits
     * with 2 if a spawn fails and 3 if a thread got a tid that is not positive.
     *
     * <p>Memory: 0 the sum, 4 threads still running, 64 an iovec, 72 nwritten, up to 160 the text.
     */
    static final String SPAWN_JOIN = """
            (module
              (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
              (import "env" "memory" (memory 1 1 shared))
              (func (export "wasi_thread_start") (param $tid i32) (param $arg i32)
                (local $i i32)
                (if (i32.le_s (local.get $tid) (i32.const 0)) (then (call $proc_exit (i32.const 3))))
                (loop $add
                  (drop (i32.atomic.rmw.add (i32.const 0) (local.get $arg)))
                  (br_if $add (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1000))))
                (drop (i32.atomic.rmw.sub (i32.const 4) (i32.const 1)))
                (drop (memory.atomic.notify (i32.const 4) (i32.const 1))))
              (func $print_total (param $n i32)
                (local $p i32)
                (i32.store8 (i32.const 160) (i32.const 10))
                (local.set $p (i32.const 160))
                (loop $digit
                  (local.set $p (i32.sub (local.get $p) (i32.const 1)))
                  (i32.store8 (local.get $p) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
                  (br_if $digit (local.tee $n (i32.div_u (local.get $n) (i32.const 10)))))
                (local.set $p (i32.sub (local.get $p) (i32.const 6)))
                (i32.store (local.get $p) (i32.const 0x61746f74))
                (i32.store16 offset=4 (local.get $p) (i32.const 0x206c))
                (i32.store (i32.const 64) (local.get $p))
                (i32.store (i32.const 68) (i32.sub (i32.const 161) (local.get $p)))
                (drop (call $fd_write (i32.const 1) (i32.const 64) (i32.const 1) (i32.const 72))))
              (func (export "_start")
                (local $i i32) (local $left i32)
                (i32.atomic.store (i32.const 4) (i32.const 4))
                (local.set $i (i32.const 1))
                (loop $spawn_all
                  (if (i32.le_s (call $spawn (local.get $i)) (i32.const 0)) (then (call $proc_exit (i32.const 2))))
                  (br_if $spawn_all (i32.le_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 4))))
                (loop $join
                  (if (local.tee $left (i32.atomic.load (i32.const 4)))
                    (then
                      (drop (memory.atomic.wait32 (i32.const 4) (local.get $left) (i64.const -1)))
                      (br $join))))
                (call $print_total (i32.atomic.load (i32.const 0)))))
            """;

    /**
     * The main thread spawns one thread that runs {@code body} (WAT instructions, {@code $arg}
     * being 7), then waits forever on a word nothing changes, so only the thread can end it.
     */
    static String mainWaitsForever(String body) {
        return """
                (module
                  (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
                  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
                  (import "env" "memory" (memory 1 1 shared))
                  (func (export "wasi_thread_start") (param $tid i32) (param $arg i32)
                    %s)
                  (func (export "_start")
                    (drop (call $spawn (i32.const 7)))
                    (drop (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1)))))
                """.formatted(body);
    }

    /** A thread calls {@code proc_exit(7)}: the program's exit code is 7. */
    static final String THREAD_EXITS = mainWaitsForever("(call $proc_exit (local.get $arg))");

    /** A thread traps: the program ends with that trap. */
    static final String THREAD_TRAPS = mainWaitsForever("unreachable");

    /**
     * The main thread returns while its thread spins forever: returning from {@code _start} ends
     * the program (exit code 0), stopping the thread.
     */
    static final String MAIN_RETURNS = """
            (module
              (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
              (import "env" "memory" (memory 1 1 shared))
              (func (export "wasi_thread_start") (param $tid i32) (param $arg i32)
                (i32.atomic.store (i32.const 0) (i32.const 1))
                (loop $forever (br $forever)))
              (func (export "_start")
                (drop (call $spawn (i32.const 0)))
                ;; Return only once the thread runs.
                (loop $until_started
                  (br_if $until_started (i32.eqz (i32.atomic.load (i32.const 0)))))))
            """;

    /**
     * A thread sleeps 30 s in {@code poll_oneoff}; meanwhile the main thread waits until the thread
     * is about to sleep, 200 ms more, then prints "ok" with {@code fd_write} and returns, which
     * must neither wait for the sleep (WASI calls are serialized, but a sleep lets others run) nor
     * keep the program alive. The subscription at 256 is a relative monotonic clock.
     */
    static final String SLEEPER = """
            (module
              (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
              (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (import "env" "memory" (memory 1 1 shared))
              (func (export "wasi_thread_start") (param $tid i32) (param $arg i32)
                (i32.store (i32.const 272) (i32.const 1))
                (i64.store (i32.const 280) (i64.const 30000000000))
                (i32.atomic.store (i32.const 0) (i32.const 1))
                (drop (memory.atomic.notify (i32.const 0) (i32.const 1)))
                (drop (call $poll (i32.const 256) (i32.const 320) (i32.const 1) (i32.const 400))))
              (func (export "_start")
                (drop (call $spawn (i32.const 0)))
                (loop $until_sleeping
                  (if (i32.eqz (i32.atomic.load (i32.const 0)))
                    (then
                      (drop (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1)))
                      (br $until_sleeping))))
                (drop (memory.atomic.wait32 (i32.const 4) (i32.const 0) (i64.const 200000000)))
                (i32.store (i32.const 64) (i32.const 128))
                (i32.store (i32.const 68) (i32.const 3))
                (i32.store (i32.const 128) (i32.const 0x000a6b6f))
                (drop (call $fd_write (i32.const 1) (i32.const 64) (i32.const 1) (i32.const 72)))))
            """;
}
