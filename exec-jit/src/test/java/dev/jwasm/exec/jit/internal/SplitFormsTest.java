package dev.jwasm.exec.jit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Engine;
import dev.jwasm.api.Instance;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.WasmModule;
import dev.jwasm.exec.interp.InterpreterProvider;
import dev.jwasm.exec.jit.JitProvider;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.memory.heap.HeapMemoryProvider;
import dev.jwasm.wat.Wat;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * A function split into chunk methods (SplitFunction) keeps the other compiled forms working: a
 * Wasm exception handler whose range crosses chunks catches throws made in any of them, and tail
 * calls (to itself, and to another function through the trampoline) leave a split function
 * without growing the JVM stack.
 */
class SplitFormsTest {
    /** {@code count} blocks of arithmetic on $a $b $c and memory; {@code extra} adds to block k. */
    private static String blocks(int count, java.util.function.IntFunction<String> extra) {
        var wat = new StringBuilder();
        for (int k = 0; k < count; k++) {
            wat.append("(block $b").append(k).append('\n');
            wat.append("  (local.set $a (i32.add (i32.mul (local.get $a) (i32.const 31)) (i32.const ")
                    .append(k)
                    .append(")))\n");
            wat.append("  (br_if $b")
                    .append(k)
                    .append(" (i32.eq (i32.and (local.get $a) (i32.const 7)) (i32.const 3)))\n");
            wat.append(
                            "  (local.set $b (i64.xor (local.get $b) (i64.rotl (i64.extend_i32_u (local.get $a)) (i64.const ")
                    .append(k % 63)
                    .append("))))\n");
            wat.append("  (i32.store (i32.const ")
                    .append((k % 1000) * 4)
                    .append(") (i32.add (i32.load (i32.const ")
                    .append((k * 7 % 1000) * 4)
                    .append(")) (local.get $a)))\n");
            wat.append("  (local.set $c (f64.add (local.get $c) (f64.convert_i32_s (local.get $a))))\n");
            wat.append(extra.apply(k));
            wat.append(")\n");
        }
        return wat.toString();
    }

    /**
     * One try_table around a loop of 800 blocks: block k (every 100th) throws when $d is k, and
     * every 100th from 50 calls a function that throws; the handler, after the loop, adds the
     * payload to what the locals hold then.
     */
    private static String tryModule() {
        return """
                (module
                  (memory (export "memory") 1)
                  (tag $e (param i32))
                  (func $thrower (param i32) (throw $e (local.get 0)))
                  (func (export "hugeTry") (param $n i32) (param $d i32) (result i64)
                    (local $a i32) (local $b i64) (local $c f64) (local $i i32) (local $x i32)
                    (local.set $x
                      (block $caught (result i32)
                        (try_table (catch $e $caught)
                          (loop $again
                """
                + blocks(
                        800,
                        k -> k % 100 == 0
                                ? "  (if (i32.eq (local.get $d) (i32.const " + k
                                        + ")) (then (throw $e (local.get $a))))\n"
                                : k % 100 == 50
                                        ? "  (if (i32.eq (local.get $d) (i32.const " + k
                                                + ")) (then (call $thrower (i32.add (local.get $a) (i32.const 1)))))\n"
                                        : "")
                + """
                            (local.set $i (i32.add (local.get $i) (i32.const 1)))
                            (br_if $again (i32.lt_u (local.get $i) (local.get $n)))))
                        (i32.const -1)))
                    (i64.add (i64.add (local.get $b) (i64.extend_i32_s (local.get $x)))
                             (i64.trunc_sat_f64_s (local.get $c)))))
                """;
    }

    /**
     * A split function that, after 5 blocks, tail-calls another function when $n is odd, and at
     * its end tail-calls itself with $n - 1 until $n is 0; the other tail-calls it back.
     */
    private static String tailModule() {
        return """
                (module
                  (memory (export "memory") 1)
                  (func $huge (export "hugeTail") (param $n i32) (param $d i32) (result i64)
                    (local $a i32) (local $b i64) (local $c f64)
                    (local.set $a (local.get $d))
                """ + blocks(5, k -> "") + """
                    (if (i32.and (local.get $n) (i32.const 1))
                      (then (return_call $other (i32.sub (local.get $n) (i32.const 1)) (local.get $a))))
                """ + blocks(500, k -> "") + """
                    (if (i32.eqz (local.get $n))
                      (then (return (i64.add (local.get $b) (i64.trunc_sat_f64_s (local.get $c))))))
                    (return_call $huge (i32.sub (local.get $n) (i32.const 1)) (local.get $a)))
                  (func $other (param i32 i32) (result i64)
                    (return_call $huge (local.get 0) (i32.xor (local.get 1) (i32.const 5)))))
                """;
    }

    /**
     * A split function with a v128 parameter, a v128 local updated in every block (so live across
     * chunks, high half included) and a v128 result, called by a small export that folds it.
     */
    private static String simdModule() {
        return """
                (module
                  (memory (export "memory") 1)
                  (func $huge (param $d i32) (param $p v128) (result v128 i64)
                    (local $a i32) (local $b i64) (local $c f64) (local $v v128)
                    (local.set $a (local.get $d))
                    (local.set $v (local.get $p))
                """
                + blocks(
                        500,
                        k -> "  (local.set $v (i32x4.add (i8x16.swizzle (local.get $v) (v128.const i8x16 1 2 3 4 5 6 7"
                                + " 8 9 10 11 12 13 14 15 0)) (i32x4.splat (local.get $a))))\n")
                + """
                    (local.get $v) (local.get $b))
                  (func (export "hugeSimd") (param i32) (result i64)
                    (local $r v128) (local $s i64)
                    (call $huge (local.get 0) (v128.const i32x4 1 -2 3 -4))
                    (local.set $s)
                    (local.set $r)
                    (i64.add (local.get $s)
                      (i64.xor (i64x2.extract_lane 0 (local.get $r)) (i64x2.extract_lane 1 (local.get $r))))))
                """;
    }

    private static Instance instance(Engine engine, String wat) {
        return new Linker().instantiate(new Store(engine), WasmModule.decode(Wat.toBinary(wat)));
    }

    private static Instance interpreted(String wat) {
        return instance(
                Engine.builder()
                        .memory(new HeapMemoryProvider())
                        .executor(new InterpreterProvider())
                        .build(),
                wat);
    }

    /** Strict: every function must compile. */
    private static Instance compiled(String wat) {
        return instance(
                Engine.builder()
                        .memory(new HeapMemoryProvider())
                        .executor(new JitProvider())
                        .jitEager(true)
                        .jitStrict(true)
                        .build(),
                wat);
    }

    private static String[] methods(Instance inst) {
        Class<?> generated = CompiledModule.of(Internals.state(inst)).code().getClass();
        return Arrays.stream(generated.getDeclaredMethods())
                .map(Method::getName)
                .toArray(String[]::new);
    }

    private static long chunks(Instance inst, int function) {
        return Arrays.stream(methods(inst))
                .filter(n -> n.startsWith("s" + function + "_"))
                .count();
    }

    private static byte[] bytes(Instance inst) {
        byte[] bytes = new byte[4000];
        inst.memory("memory").read(0, bytes, 0, bytes.length);
        return bytes;
    }

    @Test
    void aHandlerWhoseRangeCrossesChunksCatchesThrowsFromEachOfThem() {
        String wat = tryModule();
        Instance jit = compiled(wat);
        Instance interp = interpreted(wat);
        assertTrue(Jit.compiled(jit, "hugeTry"));
        assertTrue(chunks(jit, 1) > 3, "split into several chunks: " + chunks(jit, 1));
        // No throw, then throws (direct and from a callee) early, in the middle and late in the
        // body, on the first and on a later iteration of the loop.
        for (int d : new int[] {-1, 0, 50, 150, 400, 450, 700, 750}) {
            for (int n : new int[] {1, 3}) {
                assertEquals(
                        interp.function("hugeTry").callForLong(n, d),
                        jit.function("hugeTry").callForLong(n, d),
                        "n=" + n + " d=" + d);
            }
        }
        assertEquals(Arrays.toString(bytes(interp)), Arrays.toString(bytes(jit)));
    }

    @Test
    void v128ValuesLiveAcrossChunks() {
        String wat = simdModule();
        Instance jit = compiled(wat);
        Instance interp = interpreted(wat);
        assertTrue(Jit.compiled(jit, "hugeSimd"));
        assertTrue(chunks(jit, 0) > 1, "split into several chunks: " + chunks(jit, 0));
        for (int d : new int[] {0, 1, 12345, -7}) {
            assertEquals(
                    interp.function("hugeSimd").callForLong(d),
                    jit.function("hugeSimd").callForLong(d),
                    "d=" + d);
        }
        assertEquals(Arrays.toString(bytes(interp)), Arrays.toString(bytes(jit)));
    }

    /** Runs {@code body} on a thread with a small JVM stack: deep JVM recursion would overflow it. */
    private static long onSmallStack(LongSupplier body) throws InterruptedException {
        var result = new AtomicReference<Object>();
        var t = new Thread(
                null,
                () -> {
                    try {
                        result.set(body.getAsLong());
                    } catch (Throwable e) {
                        result.set(e);
                    }
                },
                "small-stack",
                256 * 1024);
        t.start();
        t.join();
        if (result.get() instanceof Throwable e) {
            throw new AssertionError(e);
        }
        return (Long) result.get();
    }

    @Test
    void tailCallsLeaveASplitFunctionInConstantStack() throws InterruptedException {
        String wat = tailModule();
        Instance jit = compiled(wat);
        Instance interp = interpreted(wat);
        assertTrue(Jit.compiled(jit, "hugeTail"));
        assertTrue(chunks(jit, 0) > 1, "split into several chunks: " + chunks(jit, 0));
        // It tail-calls another function, so its entry is the body form.
        assertTrue(Arrays.asList(methods(jit)).contains("t0"));
        for (int n : new int[] {0, 1, 2, 7}) {
            assertEquals(
                    interp.function("hugeTail").callForLong(n, 9),
                    jit.function("hugeTail").callForLong(n, 9),
                    "n=" + n);
        }
        // 3,000 tail calls deep, half of them through the other function: compiled frames of this
        // size would overflow a 256 KiB stack long before.
        long expected = interp.function("hugeTail").callForLong(3_000, 4);
        assertEquals(expected, onSmallStack(() -> jit.function("hugeTail").callForLong(3_000, 4)));
        assertEquals(Arrays.toString(bytes(interp)), Arrays.toString(bytes(jit)));
    }
}
