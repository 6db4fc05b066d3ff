package dev.jwasm.exec.jit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Engine;
import dev.jwasm.api.Instance;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.WasmFrame;
import dev.jwasm.exec.interp.internal.TierSupport;
import dev.jwasm.exec.jit.JitProvider;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.memory.heap.HeapMemoryProvider;
import dev.jwasm.spi.runtime.WasmFunctionInstance;
import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A small recursive function's calls of itself are copies of its body ({@link SelfInlining}):
 * which functions qualify, and that the copies compute what the calls would, zero their locals,
 * move multiple results, trap with every frame they stand for and still stop on an interrupt.
 */
class SelfInliningTest {
    private static final String WAT = """
            (module
              (memory 1)
              ;; As clang compiles shootout/fib2's fib (1, 1, 2, 3, ...): one call, in a loop.
              (func $fib (export "fib") (param $n i32) (result i32)
                (local $r i32)
                (local.set $r (i32.const 1))
                (block $done
                  (br_if $done (i32.lt_u (local.get $n) (i32.const 2)))
                  (local.set $n (i32.add (local.get $n) (i32.const 1)))
                  (local.set $r (i32.const 0))
                  (loop $next
                    (local.set $r (i32.add (call $fib (i32.add (local.get $n) (i32.const -3))) (local.get $r)))
                    (br_if $next (i32.gt_u (local.tee $n (i32.add (local.get $n) (i32.const -1))) (i32.const 2))))
                  (local.set $r (i32.add (local.get $r) (i32.const 1))))
                (local.get $r))
              ;; Two calls of itself and an early return.
              (func $naive (export "naive") (param $n i64) (result i64)
                (if (i64.lt_u (local.get $n) (i64.const 2)) (then (return (local.get $n))))
                (i64.add
                  (call $naive (i64.sub (local.get $n) (i64.const 1)))
                  (call $naive (i64.sub (local.get $n) (i64.const 2)))))
              ;; 2^n - 1, if each activation's $x starts at zero: the second call's frame is where
              ;; the first one's was, and its $x would start with what the first left there.
              (func $twice (export "twice") (param $n i32) (result i32)
                (local $x i32)
                (if (i32.eqz (local.get $n)) (then (return (i32.const 0))))
                (local.set $x (i32.add (local.get $x) (call $twice (i32.sub (local.get $n) (i32.const 1)))))
                (local.set $x (i32.add (local.get $x) (call $twice (i32.sub (local.get $n) (i32.const 1)))))
                (i32.add (local.get $x) (i32.const 1)))
              ;; (fib n, fib n+1): two results returned from the middle of the body.
              (func $pair (export "pair") (param $n i32) (result i32 i32)
                (local $a i32) (local $b i32)
                (if (i32.eqz (local.get $n))
                  (then (return (local.get $n) (i32.add (local.get $n) (i32.const 1)))))
                (call $pair (i32.sub (local.get $n) (i32.const 1)))
                (local.set $b)
                (local.set $a)
                (return (local.get $b) (i32.add (local.get $a) (local.get $b))))
              ;; A br_table in the body: the sum over k = 1..n of [1, 2, 5][k mod 3].
              (func $table (export "table") (param $n i32) (result i32)
                (local $w i32)
                (if (i32.eqz (local.get $n)) (then (return (i32.const 0))))
                (block $two
                  (block $one
                    (block $zero
                      (br_table $zero $one $two (i32.rem_u (local.get $n) (i32.const 3))))
                    (local.set $w (i32.const 1))
                    (br $two))
                  (local.set $w (i32.const 2)))
                (if (i32.eqz (local.get $w)) (then (local.set $w (i32.const 5))))
                (i32.add (local.get $w) (call $table (i32.sub (local.get $n) (i32.const 1)))))
              ;; Traps at the bottom of n calls of itself.
              (func $down (export "down") (param $n i32)
                (if (i32.eqz (local.get $n)) (then unreachable))
                (call $down (i32.sub (local.get $n) (i32.const 1))))
              ;; Loads from address n - depth... until the memory ends: the trap of a load.
              (func $probe (export "probe") (param $at i32) (result i32)
                (i32.add (i32.load (local.get $at)) (call $probe (i32.add (local.get $at) (i32.const 4096)))))
              (func $runaway (export "runaway") (call $runaway))
              ;; n + 1 frames deep.
              (func $deep (export "deep") (param $n i32) (result i32)
                (if (i32.eqz (local.get $n)) (then (return (i32.const 0))))
                (i32.add (i32.const 1) (call $deep (i32.sub (local.get $n) (i32.const 1)))))
              ;; Recursion as a loop of tail calls: never copied (the copy would replace the frame).
              (func $count (export "count") (param $n i32) (param $acc i32) (result i32)
                (if (i32.eqz (local.get $n)) (then (return (local.get $acc))))
                (return_call $count (i32.sub (local.get $n) (i32.const 1)) (i32.add (local.get $acc) (i32.const 1))))
              (func (export "plain") (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
            )
            """;

    private final Store store = new Store(Jit.engine(false));
    private final Instance inst = Jit.instance(store, WAT);

    private long call(String name, long... args) {
        return inst.function(name).call(args)[0];
    }

    private SelfInlining.Inlined inlined(String name, boolean fuel) {
        var f = (WasmFunctionInstance) Internals.function(inst.function(name));
        return SelfInlining.apply(TierSupport.lowered(f), f.index(), fuel);
    }

    private static long fib(int n) {
        long a = 0;
        long b = 1;
        for (int i = 0; i < n; i++) {
            long c = a + b;
            a = b;
            b = c;
        }
        return a;
    }

    @Test
    void smallRecursiveFunctionsAreCopiedIntoTheirCallsAndOthersAreNot() {
        var fib = inlined("fib", false);
        assertNotNull(fib);
        // One call site: one copy per level, deepest first, each inside the one before.
        assertEquals(SelfInlining.MAX_LEVELS, fib.copies().size(), fib.copies().toString());
        assertEquals(
                fib.copies().stream()
                        .sorted(Comparator.comparingInt(SelfInlining.Copy::level)
                                .reversed())
                        .toList(),
                fib.copies());
        for (int i = 1; i < fib.copies().size(); i++) {
            var inner = fib.copies().get(i - 1);
            var outer = fib.copies().get(i);
            assertTrue(
                    outer.start() <= inner.start() && inner.end() <= outer.end(),
                    fib.copies().toString());
        }
        assertNotNull(inlined("naive", false));
        assertTrue(inlined("naive", false).fn().code().length <= SelfInlining.MAX_TOTAL);
        assertNull(inlined("count", false), "a tail call of itself");
        assertNull(inlined("plain", false), "no call of itself");
        assertNull(inlined("fib", true), "fuel is charged per call");
    }

    @Test
    void copiesComputeWhatTheCallsWould() {
        for (int n = 0; n <= 25; n++) {
            assertEquals(fib(n + 1), call("fib", n), "fib " + n);
        }
        for (int n = 0; n <= 20; n++) {
            assertEquals(fib(n), call("naive", n), "naive " + n);
        }
        int[] weights = {1, 2, 5};
        int sum = 0;
        for (int n = 0; n <= 40; n++) {
            if (n > 0) {
                sum += weights[n % 3];
            }
            assertEquals(sum, call("table", n), "table " + n);
        }
    }

    @Test
    void eachCopyStartsWithItsLocalsZeroed() {
        for (int n = 0; n <= 12; n++) {
            assertEquals((1L << n) - 1, call("twice", n), "twice " + n);
        }
    }

    @Test
    void aCopyReturnsSeveralResults() {
        assertNotNull(inlined("pair", false));
        for (int n = 0; n <= 30; n++) {
            long[] r = inst.function("pair").call(n);
            assertEquals(List.of(fib(n), fib(n + 1)), List.of(r[0], r[1]), "pair " + n);
        }
    }

    @Test
    void aTrapInACopyRecordsEveryFrameItStandsFor() {
        int down = Jit.index(inst, "down");
        assertNotNull(inlined("down", false));
        // Depths 0 to 12 trap in the method itself, in each level of copy, and in later frames.
        for (int n = 0; n <= 12; n++) {
            int depth = n;
            var trap = assertThrows(Trap.class, () -> call("down", depth));
            assertEquals(TrapKind.UNREACHABLE, trap.kind());
            var frames = trap.wasmStackTrace();
            assertEquals(n + 1, frames.size(), "frames of down " + n);
            assertTrue(frames.stream().allMatch(f -> f.functionIndex() == down), frames.toString());
        }
        // A memory access out of bounds, from every depth: one frame per call made.
        int probe = Jit.index(inst, "probe");
        for (int calls = 1; calls <= 8; calls++) {
            int at = 65536 - (calls - 1) * 4096 - 2;
            var trap = assertThrows(Trap.class, () -> call("probe", at));
            assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, trap.kind());
            assertEquals(
                    Collections.nCopies(calls, probe),
                    trap.wasmStackTrace().stream().map(WasmFrame::functionIndex).toList());
        }
    }

    @Test
    void runawayRecursionExhaustsTheStackAndLeavesTheInstanceUsable() {
        int runaway = Jit.index(inst, "runaway");
        var trap = assertThrows(Trap.class, () -> call("runaway"));
        assertEquals(TrapKind.CALL_STACK_EXHAUSTED, trap.kind());
        assertTrue(trap.wasmStackTrace().stream().allMatch(f -> f.functionIndex() == runaway));
        assertEquals(fib(21), call("fib", 20));
    }

    @Test
    void theCallDepthLimitCountsEveryCallACopyStandsFor() {
        var engine = Engine.builder()
                .memory(new HeapMemoryProvider())
                .executor(new JitProvider())
                .maxCallDepth(3_000)
                .jitThreshold(0)
                .build();
        var limited = Jit.instance(new Store(engine), WAT);
        // Past the JIT's own nesting depth the interpreter goes on, and counts from the depth
        // the compiled frames passed it: exactly the limit's frames fit.
        assertEquals(2_999L, limited.function("deep").call(2_999)[0]);
        var trap = assertThrows(Trap.class, () -> limited.function("deep").call(3_000));
        assertEquals(TrapKind.CALL_STACK_EXHAUSTED, trap.kind());
        assertEquals(3L, limited.function("deep").call(3)[0]);
    }

    @Test
    void recursionWithoutLoopsStillStopsOnAnInterrupt() throws InterruptedException {
        var interrupter = Jit.interruptAfter(store, 100);
        // fib 80 by two calls a level would run for centuries.
        var trap = assertThrows(Trap.class, () -> call("naive", 80));
        assertEquals(TrapKind.INTERRUPTED, trap.kind());
        assertTrue(interrupter.join(Duration.ofSeconds(10)));
    }
}
