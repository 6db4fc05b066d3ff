package dev.jwasm.exec.jit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Engine;
import dev.jwasm.api.Instance;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Memory;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.WasmModule;
import dev.jwasm.exec.interp.internal.TierSupport;
import dev.jwasm.exec.jit.JitProvider;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.spi.runtime.WasmFunctionInstance;
import dev.jwasm.wat.Wat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Loops whose exit depends on what they load are written out several times ({@link
 * LoopUnrolling}): which loops qualify, and that the copies leave at the right iteration, branch
 * inside themselves correctly and trap where the loop would.
 */
class LoopUnrollingTest {
    private static final String WAT = """
            (module
              (memory (export "memory") 1)
              ;; As clang compiles strlen: the exit tests the byte just loaded.
              (func (export "strlen") (param $s i32) (result i32)
                (local $i i32) (local $p i32) (local $n i32)
                (loop $next
                  (local.set $p (i32.add (local.get $s) (local.get $i)))
                  (local.set $i (local.tee $n (i32.add (local.get $i) (i32.const 1))))
                  (br_if $next (i32.load8_u (local.get $p))))
                (i32.add (local.get $n) (i32.const -1)))
              ;; Commas up to the terminating zero: a branch inside the body.
              (func (export "commas") (param $p i32) (result i32)
                (local $b i32) (local $c i32)
                (loop $next
                  (local.set $b (i32.load8_u (local.get $p)))
                  (if (i32.eq (local.get $b) (i32.const 44))
                    (then (local.set $c (i32.add (local.get $c) (i32.const 1)))))
                  (local.set $p (i32.add (local.get $p) (i32.const 1)))
                  (br_if $next (local.get $b)))
                (local.get $c))
              ;; Skips spaces: a fused compare of the loaded byte, and an exit from the middle.
              (func (export "skip_spaces") (param $p i32) (param $limit i32) (result i32)
                (local $b i32)
                (block $done
                  (loop $next
                    (br_if $done (i32.ge_u (local.get $p) (local.get $limit)))
                    (local.set $b (i32.load8_u (local.get $p)))
                    (local.set $p (i32.add (local.get $p) (i32.const 1)))
                    (br_if $next (i32.eq (local.get $b) (i32.const 32))))
                  (return (i32.sub (local.get $p) (i32.const 1))))
                (local.get $p))
              ;; Waits for a byte to clear: never, unless the host writes it.
              (func (export "wait_clear") (param $p i32)
                (loop $next (br_if $next (i32.load8_u (local.get $p)))))
              ;; A counted loop: C2 unrolls it itself, so it is left alone.
              (func (export "sum") (param $p i32) (param $n i32) (result i32)
                (local $i i32) (local $s i32)
                (loop $next
                  (local.set $s (i32.add (local.get $s) (i32.load8_u (i32.add (local.get $p) (local.get $i)))))
                  (br_if $next (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                (local.get $s))
              ;; A call in the body: left alone.
              (func $id (param i32) (result i32) (local.get 0))
              (func (export "strlen_calling") (param $s i32) (result i32)
                (local $i i32)
                (loop $next
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $next (call $id (i32.load8_u (i32.add (local.get $s) (local.get $i))))))
                (local.get $i))
            )
            """;

    private final Engine engine = Engine.builder()
            .memory(new SegmentMemory.Provider())
            .executor(new JitProvider())
            .jitThreshold(0)
            .build();

    private final Store store = new Store(engine);

    private final Instance inst = new Linker().instantiate(store, WasmModule.decode(Wat.toBinary(WAT)));

    private int call(String name, long... args) {
        return (int) inst.function(name).call(args)[0];
    }

    private void put(int at, String text) {
        Memory memory = inst.memory("memory");
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        memory.write(at, bytes);
        memory.write(at + bytes.length, new byte[] {0});
    }

    /** The loops {@link LoopUnrolling#plan} picks in export {@code name}'s IR, by header pc. */
    private Map<Integer, LoopUnrolling.Loop> plan(String name) {
        var f = (WasmFunctionInstance) Internals.function(inst.function(name));
        inst.function(name).call(new long[f.type().params().size()]); // lowers it (memory is zero: no loop runs long)
        int[] code = TierSupport.lowered(f).code();
        var targets = new HashSet<Integer>();
        FunctionCompiler.jumps(code, (at, target) -> targets.add(target));
        return LoopUnrolling.plan(code, targets::contains);
    }

    @Test
    void loopsThatExitOnALoadedValueAreUnrolledAndCountedOnesAndCallingOnesAreNot() {
        var strlen = plan("strlen");
        assertEquals(1, strlen.size(), strlen.toString());
        assertEquals(4, strlen.values().iterator().next().copies());
        assertEquals(1, plan("commas").size());
        assertTrue(
                plan("commas").values().iterator().next().targets().size() == 1,
                "the if's join is a target inside the body");
        assertEquals(1, plan("skip_spaces").size());
        assertEquals(Map.of(), plan("sum"));
        assertEquals(Map.of(), plan("strlen_calling"));
    }

    @Test
    void everyCopyLeavesAtTheRightIteration() {
        // Lengths 0 to 13 cover an exit from each of the four copies, several times round.
        for (int start = 100; start < 104; start++) {
            for (int n = 0; n < 14; n++) {
                put(start, "x".repeat(n));
                assertEquals(n, call("strlen", start), "strlen of " + n + " at " + start);
            }
        }
    }

    @Test
    void branchesInsideACopyStayInThatCopy() {
        String[] lines = {"", ",", "a,b", ",,,,", "a,b,c,d,e,f,g,h,i", "no commas here", ",x,,y,,,z,,,,"};
        for (String line : lines) {
            put(200, line);
            long expected = line.chars().filter(c -> c == ',').count();
            assertEquals(expected, call("commas", 200), "commas in \"" + line + "\"");
        }
    }

    @Test
    void exitsFromTheMiddleOfACopyAndThroughItsBackEdge() {
        put(300, "      x");
        assertEquals(306, call("skip_spaces", 300, 400));
        assertEquals(303, call("skip_spaces", 300, 303), "the limit is reached inside a copy");
        put(300, "x");
        assertEquals(300, call("skip_spaces", 300, 400));
    }

    @Test
    void anUnrolledLoopStillStopsOnAnInterrupt() throws InterruptedException {
        assertEquals(1, plan("wait_clear").size());
        inst.memory("memory").write(500, new byte[] {1});
        var interrupter = Jit.interruptAfter(store, 100);
        var trap = assertThrows(Trap.class, () -> inst.function("wait_clear").call(500));
        assertEquals(TrapKind.INTERRUPTED, trap.kind());
        assertTrue(interrupter.join(Duration.ofSeconds(10)));
    }

    @Test
    void aCopyTrapsWhereTheLoopWould() {
        // No terminating zero before the end of the memory: the load past it traps.
        Memory memory = inst.memory("memory");
        int size = (int) memory.byteSize();
        for (int n = 1; n <= 5; n++) {
            memory.write(size - n, "yyyyy".substring(0, n).getBytes(StandardCharsets.US_ASCII));
            int from = size - n;
            var trap = assertThrows(Trap.class, () -> call("strlen", from));
            assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, trap.kind());
        }
        // The instance goes on working after the trap.
        put(10, "abc");
        assertEquals(3, call("strlen", 10));
    }
}
