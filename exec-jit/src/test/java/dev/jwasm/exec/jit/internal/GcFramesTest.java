package dev.jwasm.exec.jit.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Engine;
import dev.jwasm.api.Instance;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.WasmException;
import dev.jwasm.api.WasmModule;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.exec.interp.InterpreterProvider;
import dev.jwasm.exec.jit.JitListener;
import dev.jwasm.exec.jit.Uncompiled;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.memory.heap.HeapMemoryProvider;
import dev.jwasm.spi.ExecutorProvider;
import dev.jwasm.spi.GcHeap;
import dev.jwasm.wat.Wat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * References in compiled frames survive collections: the collector runs (forced by the host, or
 * inside an allocation) while the only reference to an object is in a JVM local of compiled code,
 * which spills it to the store's root stack (GcSpill). Each object is read back field by field
 * after the collection and after allocations that reuse freed space, so a missed root fails.
 */
class GcFramesTest {
    private static final String PROGRAM = """
            (module
              (type $inner (struct (field i32)))
              (type $box (struct (field i32) (field i64) (field f64) (field (ref null $inner)) (field (mut i64))))
              (type $longs (array (mut i64)))
              (type $vecs (array (mut v128)))
              (type $vbox (struct (field (mut v128)) (field i32)))
              (import "host" "collect" (func $collect))
              (import "host" "height" (func $height (result i32)))
              (import "host" "bounce" (func $bounce))
              (tag $oops (param i32))
              (tag $boxed (param (ref null $box)))

              ;; Allocates n arrays of 128 i64 and keeps none: enough of them collect.
              (func $churn (export "churn") (param $n i32)
                (block $done (loop $l
                  (br_if $done (i32.eqz (local.get $n)))
                  (drop (array.new $longs (i64.extend_i32_u (local.get $n)) (i32.const 128)))
                  (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                  (br $l))))

              (func $make (param $k i32) (result (ref $box))
                (struct.new $box (local.get $k) (i64.const 0x1122334455667788) (f64.const 2.5)
                  (struct.new $inner (i32.add (local.get $k) (i32.const 1))) (i64.const -9)))
              (func $fields (param $b (ref $box)) (result i32 i64 f64 i32 i64)
                (struct.get $box 0 (local.get $b))
                (struct.get $box 1 (local.get $b))
                (struct.get $box 2 (local.get $b))
                (struct.get $inner 0 (struct.get $box 3 (local.get $b)))
                (struct.get $box 4 (local.get $b)))

              ;; The box is only in this frame's local while the host collects and churns.
              (func (export "acrossHostCall") (result i32 i64 f64 i32 i64)
                (local $b (ref null $box))
                (local.set $b (call $make (i32.const 41)))
                (call $collect)
                (call $fields (ref.as_non_null (local.get $b))))

              ;; The box is only in this frame while its own allocations collect (no call at all).
              (func (export "acrossAllocations") (result i32 i64 f64 i32 i64)
                (local $b (ref null $box)) (local $n i32)
                (local.set $b (struct.new $box (i32.const 7) (i64.const -1) (f64.const -0.5)
                  (struct.new $inner (i32.const 8)) (i64.const 3)))
                (local.set $n (i32.const 8192))
                (block $done (loop $l
                  (br_if $done (i32.eqz (local.get $n)))
                  (drop (array.new $longs (i64.const 5) (i32.const 128)))
                  (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                  (br $l)))
                (call $fields (ref.as_non_null (local.get $b))))

              ;; compiled -> $middle (left to the interpreter by the test) -> compiled $deep, which collects.
              (func $deep (result i32) (call $collect) (call $churn (i32.const 2048)) (i32.const 0))
              (func $middle (param $b (ref $box)) (result i32)
                (local $mine (ref null $box))
                (local.set $mine (call $make (i32.const 100)))
                (drop (call $deep))
                (i32.add (struct.get $box 0 (local.get $b)) (struct.get $box 0 (ref.as_non_null (local.get $mine)))))
              (func (export "acrossTiers") (result i32 i64 f64 i32 i64 i32)
                (local $b (ref null $box)) (local $sum i32)
                (local.set $b (call $make (i32.const 20)))
                ;; $b stays in this frame only; $middle gets a box of its own to read.
                (local.set $sum (call $middle (call $make (i32.const 30))))
                (call $fields (ref.as_non_null (local.get $b)))
                (local.get $sum))

              ;; The box is only in this frame across a throw (after a collection) and its catch.
              (func $throwAfterCollect (call $collect) (throw $oops (i32.const 5)))
              (func (export "acrossCatch") (result i32 i64 f64 i32 i64 i32)
                (local $b (ref null $box)) (local $code i32)
                (local.set $b (call $make (i32.const 60)))
                (local.set $code
                  (block $caught (result i32)
                    (try_table (catch $oops $caught) (call $throwAfterCollect))
                    (i32.const -1)))
                (call $collect)
                (call $fields (ref.as_non_null (local.get $b)))
                (local.get $code))

              ;; A callee spills, then throws: each catch drops what the unwound frames left.
              (func $spillThenThrow (param $b (ref $box)) (call $collect) (throw $oops (struct.get $box 0 (local.get $b))))
              (func (export "heightAfterCatches") (param $n i32) (result i32 i32)
                (local $b (ref null $box)) (local $first i32)
                (local.set $b (call $make (i32.const 1)))
                (local.set $first (i32.const -1))
                (block $done (loop $l
                  (br_if $done (i32.eqz (local.get $n)))
                  (drop (block $caught (result i32)
                    (try_table (catch $oops $caught) (call $spillThenThrow (ref.as_non_null (local.get $b))))
                    (i32.const -1)))
                  (if (i32.lt_s (local.get $first) (i32.const 0)) (then (local.set $first (call $height))))
                  (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                  (br $l)))
                (local.get $first) (call $height))

              ;; The host catches an exception carrying a box, collects, and throws it back.
              (func (export "throwBox") (throw $boxed (call $make (i32.const 33))))
              (func (export "bounced") (result i32 i64 f64 i32 i64)
                (call $fields (ref.as_non_null
                  (block $c (result (ref null $box))
                    (try_table (catch $boxed $c) (call $bounce))
                    (ref.null $box)))))

              ;; v128 fields and elements, across a collection.
              (func (export "vectors") (result i64 i64 i32 i64 i64)
                (local $s (ref null $vbox)) (local $a (ref null $vecs))
                (local.set $s (struct.new $vbox (v128.const i64x2 0x0102030405060708 0x1112131415161718) (i32.const 9)))
                (local.set $a (array.new_fixed $vecs 2 (v128.const i64x2 1 2) (v128.const i64x2 3 4)))
                (array.set $vecs (local.get $a) (i32.const 1) (v128.const i64x2 -5 6))
                (call $collect)
                (i64x2.extract_lane 0 (struct.get $vbox 0 (local.get $s)))
                (i64x2.extract_lane 1 (struct.get $vbox 0 (local.get $s)))
                (struct.get $vbox 1 (local.get $s))
                (i64x2.extract_lane 0 (array.get $vecs (local.get $a) (i32.const 1)))
                (i64x2.extract_lane 1 (array.get $vecs (local.get $a) (i32.const 1))))

              ;; The interpreter's traps, from compiled code.
              (func (export "castFails") (param anyref) (result i32) (struct.get $inner 0 (ref.cast (ref $inner) (local.get 0))))
              (func (export "outOfBounds") (param i32) (result i64)
                (array.get $longs (array.new $longs (i64.const 1) (i32.const 3)) (local.get 0)))
              (func (export "nullField") (result i32) (struct.get $inner 0 (ref.null $inner)))
            )
            """;

    private record Run(Store store, Instance instance, CompiledModule module) {
        GcHeap heap() {
            return Internals.state(store).gcHeap();
        }

        long[] call(String name, long... args) {
            return instance.function(name).call(args);
        }

        boolean compiled(String name) {
            return Jit.compiled(instance, name);
        }
    }

    /** The program on the JIT (eager, strict), with {@code $middle} left to the interpreter. */
    private static Run run() {
        return run(PROGRAM);
    }

    private static Run run(String wat) {
        // Strict: everything else must compile.
        ExecutorProvider jit = Jit.provider(f -> Jit.named(f, "middle"), new JitListener() {
            @Override
            public void moduleCompiled(int compiled, List<Uncompiled> interpreted) {}

            @Override
            public boolean tolerated(Uncompiled function) {
                return function.name().equals(java.util.Optional.of("middle"));
            }
        });
        return run(Engine.builder().executor(jit).jitEager(true).jitStrict(true), wat);
    }

    private static Run run(Engine.Builder builder, String wat) {
        var engine = builder.memory(new HeapMemoryProvider()).build();
        var store = new Store(engine);
        Instance[] self = new Instance[1];
        var linker = new Linker()
                .define("host", "collect", FuncType.of(List.of(), List.of()), args -> {
                    Internals.state(store).gcHeap().collect();
                    // Reuse what the collection freed, with other values: a freed box is overwritten.
                    self[0].function("churn").call(512);
                    return new long[0];
                })
                .define("host", "bounce", FuncType.of(List.of(), List.of()), args -> {
                    try {
                        self[0].function("throwBox").call();
                    } catch (WasmException e) {
                        Internals.state(store).gcHeap().collect();
                        self[0].function("churn").call(512);
                        throw e;
                    }
                    return new long[0];
                })
                .define("host", "height", FuncType.of(List.of(), List.of(ValType.I32)), args ->
                        new long[] {Internals.state(store).rootStack().top()});
        self[0] = linker.instantiate(store, WasmModule.decode(Wat.toBinary(wat)));
        return new Run(store, self[0], CompiledModule.of(Internals.state(self[0])));
    }

    /** The fields {@code $make k} stored: i32 k, an i64, an f64, the inner struct's k + 1, a mutable i64. */
    private static long[] made(int k) {
        return new long[] {k, 0x1122334455667788L, Double.doubleToRawLongBits(2.5), k + 1, -9};
    }

    @Test
    void aReferenceOnlyACompiledFrameHoldsSurvivesACollectionInAHostCall() {
        var r = run();
        assertTrue(r.compiled("acrossHostCall"));
        long before = r.heap().collections();
        assertArrayEquals(made(41), r.call("acrossHostCall"));
        assertTrue(r.heap().collections() > before, "the host collected");
    }

    @Test
    void aReferenceOnlyACompiledFrameHoldsSurvivesCollectionsInItsOwnAllocations() {
        var r = run();
        assertTrue(r.compiled("acrossAllocations"));
        long before = r.heap().collections();
        long[] fields = r.call("acrossAllocations");
        assertTrue(r.heap().collections() >= before + 2, "its allocations collected");
        assertArrayEquals(new long[] {7, -1, Double.doubleToRawLongBits(-0.5), 8, 3}, fields);
    }

    @Test
    void referencesSurviveInCompiledAndInterpretedFramesOfOneCallChain() {
        var r = run();
        assertTrue(r.compiled("acrossTiers"));
        int middle = functionIndex(r, "middle");
        assertFalse(r.module().isCompiled(middle), "$middle runs on the interpreter");
        long before = r.heap().collections();
        long[] out = r.call("acrossTiers");
        assertTrue(r.heap().collections() > before);
        long[] expected = new long[6];
        System.arraycopy(made(20), 0, expected, 0, 5);
        expected[5] = 30 + 100; // the interpreted frame's argument and its own box
        assertArrayEquals(expected, out);
    }

    @Test
    void aReferenceInACompiledFrameSurvivesAThrowAndCatch() {
        var r = run();
        assertTrue(r.compiled("acrossCatch"));
        long[] expected = new long[6];
        System.arraycopy(made(60), 0, expected, 0, 5);
        expected[5] = 5;
        assertArrayEquals(expected, r.call("acrossCatch"));
    }

    @Test
    void caughtExceptionsLeaveNothingOnTheRootStack() {
        var r = run();
        long[] heights = r.call("heightAfterCatches", 200);
        // The frame's own spill around the call of $height is all there is, every time.
        assertEquals(heights[0], heights[1], "root stack height after the first and the 200th catch");
        assertTrue(heights[0] <= 2, "height " + heights[0]);
        assertEquals(0, Internals.state(r.store()).rootStack().top(), "empty once the call returned");
    }

    @Test
    void aTrapLeavesTheRootStackAsTheHostCallFoundIt() {
        var r = run();
        var trap = assertThrows(Trap.class, () -> r.call("outOfBounds", 3));
        assertEquals(TrapKind.OUT_OF_BOUNDS_ARRAY, trap.kind());
        assertEquals(0, Internals.state(r.store()).rootStack().top());
        assertArrayEquals(made(41), r.call("acrossHostCall"));
    }

    @Test
    void anExceptionPayloadTheHostHoldsSurvivesACollection() {
        var r = run();
        long before = r.heap().collections();
        assertArrayEquals(made(33), r.call("bounced"));
        assertTrue(r.heap().collections() > before);
    }

    @Test
    void v128FieldsAndElementsKeepBothHalves() {
        var r = run();
        assertTrue(r.compiled("vectors"));
        assertArrayEquals(new long[] {0x0102030405060708L, 0x1112131415161718L, 9, -5, 6}, r.call("vectors"));
    }

    @Test
    void compiledGcInstructionsTrapAsTheInterpreterDoes() {
        var jit = run();
        var interp = run(Engine.builder().executor(new InterpreterProvider()), PROGRAM);
        for (var r : List.of(jit, interp)) {
            assertEquals(
                    TrapKind.CAST_FAILURE,
                    assertThrows(Trap.class, () -> r.call("castFails", 0)).kind());
            var bounds = assertThrows(Trap.class, () -> r.call("outOfBounds", 3));
            assertEquals(TrapKind.OUT_OF_BOUNDS_ARRAY, bounds.kind());
            var nul = assertThrows(Trap.class, () -> r.call("nullField"));
            assertEquals(TrapKind.NULL_STRUCTURE_REFERENCE, nul.kind());
            assertEquals(1, r.call("outOfBounds", 2)[0]);
        }
        assertEquals(
                assertThrows(Trap.class, () -> interp.call("nullField")).getMessage(),
                assertThrows(Trap.class, () -> jit.call("nullField")).getMessage());
        assertTrue(jit.compiled("castFails"));
    }

    /**
     * A function too big for one method, split into chunks over a frame array: the box made in
     * its first chunk is only in its frame while later chunks call the host, which collects.
     */
    @Test
    void aSplitFunctionKeepsItsReferencesAcrossChunks() {
        var body = new StringBuilder();
        for (int k = 0; k < 800; k++) {
            body.append("(local.set $a (i32.add (i32.mul (local.get $a) (i32.const 31)) (i32.const ")
                    .append(k)
                    .append(")))\n(local.set $x (i64.xor (local.get $x) (i64.extend_i32_u (local.get $a))))\n");
            if (k % 100 == 50) {
                body.append("(call $collect)\n");
            }
        }
        String wat = PROGRAM.substring(0, PROGRAM.lastIndexOf(')')) + """
                  (func $split (export "split") (result i32 i64 f64 i32 i64)
                    (local $b (ref null $box)) (local $a i32) (local $x i64)
                    (local.set $b (call $make (i32.const 77)))
                """ + body + """
                    (call $fields (ref.as_non_null (local.get $b))))
                )
                """;
        var r = run(wat);
        assertTrue(r.compiled("split"));
        int split = functionIndex(r, "split");
        long chunks = java.util.Arrays.stream(r.module().code().getClass().getDeclaredMethods())
                .filter(m -> m.getName().startsWith("s" + split + "_"))
                .count();
        assertTrue(chunks > 1, "split into chunks: " + chunks);
        long before = r.heap().collections();
        assertArrayEquals(made(77), r.call("split"));
        assertTrue(r.heap().collections() >= before + 8, "the host collected in several chunks");
    }

    private static int functionIndex(Run r, String name) {
        var names = Internals.state(r.instance()).functionNames();
        for (var e : names.entrySet()) {
            if (e.getValue().equals(name)) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("no function $" + name);
    }
}
