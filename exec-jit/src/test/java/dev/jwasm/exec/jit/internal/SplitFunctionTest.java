package dev.jwasm.exec.jit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Engine;
import dev.jwasm.api.Instance;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.WasmModule;
import dev.jwasm.exec.interp.InterpreterProvider;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.memory.heap.HeapMemoryProvider;
import dev.jwasm.wat.Wat;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A function too big for one JVM method that HotSpot compiles is split into several methods
 * (chunks) and still compiled, with the interpreter's results, traps and fuel.
 */
class SplitFunctionTest {
    /**
     * A generated function of {@code blocks} blocks, each a run of arithmetic on several locals and
     * memory, with a forward branch out of the block, all inside a loop that runs {@code
     * (param 0)} times: jumps forward and backward between chunks, many slots, calls, a trap.
     */
    private static String huge(int blocks) {
        var wat = new StringBuilder("""
                (module
                  (memory (export "memory") 1)
                  (func $inc (param i64) (result i64) (i64.add (local.get 0) (i64.const 1)))
                  (func $pair (param i32) (result i32 i64) (local.get 0) (i64.extend_i32_s (local.get 0)))
                  (func (export "huge") (param $n i32) (param $d i32) (result i64)
                    (local $a i32) (local $b i64) (local $c f64) (local $i i32)
                    (loop $again
                """);
        for (int k = 0; k < blocks; k++) {
            wat.append("      (block $b").append(k).append('\n');
            wat.append("        (local.set $a (i32.add (i32.mul (local.get $a) (i32.const 31)) (i32.const ")
                    .append(k)
                    .append(")))\n");
            wat.append("        (br_if $b")
                    .append(k)
                    .append(" (i32.eq (i32.and (local.get $a) (i32.const 7)) (i32.const 3)))\n");
            wat.append(
                            "        (local.set $b (i64.xor (local.get $b) (i64.rotl (i64.extend_i32_u (local.get $a)) (i64.const ")
                    .append(k % 63)
                    .append("))))\n");
            wat.append("        (i32.store (i32.const ")
                    .append((k % 1000) * 4)
                    .append(") (i32.add (i32.load (i32.const ")
                    .append((k * 7 % 1000) * 4)
                    .append(")) (local.get $a)))\n");
            wat.append("        (local.set $c (f64.add (local.get $c) (f64.convert_i32_s (local.get $a))))\n");
            if (k % 50 == 0) {
                wat.append("        (local.set $b (call $inc (local.get $b)))\n");
                wat.append(
                        "        (local.set $b (i64.add (local.get $b) (i64.extend_i32_s (i32.div_s (i32.const 1000) (local.get $d)))))\n");
            }
            if (k % 97 == 0) {
                wat.append("        (call $pair (local.get $a)) (local.set $b (i64.add (local.get $b))) (drop)\n");
            }
            wat.append("      )\n");
        }
        wat.append("""
                      (local.set $i (i32.add (local.get $i) (i32.const 1)))
                      (br_if $again (i32.lt_u (local.get $i) (local.get $n))))
                    (i64.add (i64.add (local.get $b) (i64.trunc_sat_f64_s (local.get $c))) (i64.load (i32.const 40)))))
                """);
        return wat.toString();
    }

    /**
     * {@code (param i32)} picks one of {@code targets} nested blocks with a br_table (too big for
     * a chunk's tableswitch), each block's end adding its own arithmetic, inside a loop.
     */
    private static String bigTable(int targets) {
        var wat = new StringBuilder("(module (func (export \"pick\") (param $i i32) (param $n i32) (result i64)"
                + " (local $acc i64) (loop $again\n");
        for (int k = 0; k < targets; k++) {
            wat.append("(block $t").append(k).append('\n');
        }
        wat.append("(br_table");
        for (int k = 0; k < targets; k++) {
            wat.append(" $t").append(k);
        }
        wat.append(" $t0 (local.get $i))\n");
        for (int k = targets - 1; k >= 0; k--) {
            wat.append(") (local.set $acc (i64.add (i64.mul (local.get $acc) (i64.const 3)) (i64.const ")
                    .append(k)
                    .append(")))\n");
        }
        wat.append("(local.set $i (i32.add (local.get $i) (i32.const 7)))\n");
        wat.append("(br_if $again (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))\n");
        return wat.append("(local.get $acc)))").toString();
    }

    @Test
    void aSplitFunctionsBigBrTableTakesEveryTargetAsTheInterpreterDoes() {
        String wat = bigTable(700);
        Instance jit = instance(strictJit(), wat);
        Instance interp = instance(interpreter(), wat);
        assertTrue(Jit.compiled(jit, "pick"));
        for (int i : new int[] {0, 1, 299, 698, 699, 700, -1, 12_345}) {
            assertEquals(
                    interp.function("pick").callForLong(i, 3),
                    jit.function("pick").callForLong(i, 3),
                    "i=" + i);
        }
    }

    private static Instance instance(Engine engine, String wat) {
        return new Linker().instantiate(new Store(engine), WasmModule.decode(Wat.toBinary(wat)));
    }

    private static Engine interpreter() {
        return Engine.builder()
                .memory(new HeapMemoryProvider())
                .executor(new InterpreterProvider())
                .build();
    }

    private static Engine strictJit() {
        return Engine.builder()
                .memory(new HeapMemoryProvider())
                .executor(new dev.jwasm.exec.jit.JitProvider())
                .jitEager(true)
                .jitStrict(true)
                .build();
    }

    private static byte[] bytes(Instance inst) {
        byte[] bytes = new byte[4000];
        inst.memory("memory").read(0, bytes, 0, bytes.length);
        return bytes;
    }

    private static long[] chunkMethods(Instance inst) {
        Class<?> generated = CompiledModule.of(Internals.state(inst)).code().getClass();
        return Arrays.stream(generated.getDeclaredMethods())
                .map(Method::getName)
                .filter(n -> n.startsWith("s2_"))
                .mapToLong(n -> 1)
                .toArray();
    }

    @Test
    void aHugeFunctionIsSplitAndComputesWhatTheInterpreterDoes() {
        String wat = huge(800);
        Instance jit = instance(strictJit(), wat); // strict: it must compile
        Instance interp = instance(interpreter(), wat);
        assertTrue(Jit.compiled(jit, "huge"));
        assertTrue(chunkMethods(jit).length > 3, "split into several chunks: " + chunkMethods(jit).length);
        for (int n : new int[] {1, 2, 7}) {
            assertEquals(
                    interp.function("huge").callForLong(n, 3),
                    jit.function("huge").callForLong(n, 3),
                    "n=" + n);
        }
        // Memory is shared state both ran on: the same bytes after the same calls.
        assertEquals(Arrays.toString(bytes(interp)), Arrays.toString(bytes(jit)));
    }

    @Test
    void aTrapInAChunkHasTheInterpretersMessageAndFrame() {
        String wat = huge(600);
        Instance jit = instance(strictJit(), wat);
        var trap = assertThrows(Trap.class, () -> jit.function("huge").call(1, 0));
        assertEquals("integer divide by zero", trap.getMessage());
        assertEquals(1, trap.wasmStackTrace().size());
        assertEquals(2, trap.wasmStackTrace().getFirst().functionIndex());
        Instance interp = instance(interpreter(), wat);
        assertEquals(
                interp.function("huge").callForLong(3, 5), jit.function("huge").callForLong(3, 5));
    }
}
