package dev.jwasm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Engine;
import dev.jwasm.api.GcRef;
import dev.jwasm.api.Instance;
import dev.jwasm.api.JwasmException;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.spi.GcHeap;
import dev.jwasm.wat.Wat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The arena heap under load, on both executors (the JIT runs GC functions on the interpreter for
 * now): collection during execution, roots in globals, host handles and interpreter frames, the
 * cap as a trap. Each test checks the objects' contents after collections, so a collector that
 * frees or overwrites a live object fails it.
 */
class GcStressTest {
    private static final long CAP = 4L << 20;

    private static final String PROGRAM = """
            (module
              (type $node (struct (field $v i32) (field $l (mut (ref null $node))) (field $r (mut (ref null $node)))))
              (type $bytes (array (mut i8)))
              (type $longs (array (mut i64)))
              (type $box (struct (field i32)))
              (import "host" "collect" (func $collect))
              (global $tree (mut (ref null $node)) (ref.null $node))
              (global $keep (mut (ref null $node)) (ref.null $node))

              ;; Allocates n arrays of 128 i64 (1 KiB each) and keeps none; returns the sum of their lengths.
              (func (export "churn") (param $n i32) (result i64)
                (local $sum i64) (local $a (ref null $longs))
                (block $done (loop $l
                  (br_if $done (i32.eqz (local.get $n)))
                  (local.set $a (array.new $longs (i64.extend_i32_u (local.get $n)) (i32.const 128)))
                  (local.set $sum (i64.add (local.get $sum) (i64.extend_i32_u (array.len (local.get $a)))))
                  (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                  (br $l)))
                (local.get $sum))

              ;; A complete tree of the given depth whose node i (breadth-first) holds i.
              (func $build (param $i i32) (param $depth i32) (result (ref $node))
                (if (result (ref $node)) (i32.eqz (local.get $depth))
                  (then (struct.new $node (local.get $i) (ref.null $node) (ref.null $node)))
                  (else (struct.new $node (local.get $i)
                    (call $build (i32.add (i32.mul (local.get $i) (i32.const 2)) (i32.const 1))
                                 (i32.sub (local.get $depth) (i32.const 1)))
                    (call $build (i32.add (i32.mul (local.get $i) (i32.const 2)) (i32.const 2))
                                 (i32.sub (local.get $depth) (i32.const 1)))))))
              (func (export "plant") (param $depth i32)
                (global.set $tree (call $build (i32.const 0) (local.get $depth))))
              ;; The number of nodes of the tree under n holding the number their position says.
              (func $check (param $n (ref null $node)) (param $i i32) (result i32)
                (if (result i32) (ref.is_null (local.get $n)) (then (i32.const 0))
                  (else (i32.add
                    (i32.eq (struct.get $node $v (local.get $n)) (local.get $i))
                    (i32.add
                      (call $check (struct.get $node $l (local.get $n))
                                   (i32.add (i32.mul (local.get $i) (i32.const 2)) (i32.const 1)))
                      (call $check (struct.get $node $r (local.get $n))
                                   (i32.add (i32.mul (local.get $i) (i32.const 2)) (i32.const 2))))))))
              (func (export "check") (result i32) (call $check (global.get $tree) (i32.const 0)))

              (func (export "bytes") (param $n i32) (result (ref $bytes))
                (array.new $bytes (i32.const 7) (local.get $n)))
              (func (export "byte") (param $a (ref $bytes)) (param $i i32) (result i32)
                (array.get_u $bytes (local.get $a) (local.get $i)))

              ;; A ring of n nodes that nothing keeps once this returns.
              (func (export "ring") (param $n i32)
                (local $first (ref null $node)) (local $prev (ref null $node)) (local $cur (ref null $node))
                (local.set $first (struct.new $node (i32.const 0) (ref.null $node) (ref.null $node)))
                (local.set $prev (local.get $first))
                (block $done (loop $l
                  (br_if $done (i32.eqz (local.get $n)))
                  (local.set $cur (struct.new $node (local.get $n) (local.get $prev) (ref.null $node)))
                  (struct.set $node $r (local.get $prev) (local.get $cur))
                  (local.set $prev (local.get $cur))
                  (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                  (br $l)))
                (struct.set $node $r (local.get $prev) (local.get $first)))

              ;; The only reference to a box is in this frame (a local, then an operand-stack value)
              ;; while the host collects and allocates over any freed space.
              (func $unbox (param $b (ref $box)) (param $x i32) (result i32)
                (i32.add (struct.get $box 0 (local.get $b)) (local.get $x)))
              (func (export "frame") (result i32)
                (local $b (ref null $box))
                (local.set $b (struct.new $box (i32.const 42)))
                (call $collect)
                (i32.add
                  (struct.get $box 0 (local.get $b))
                  (call $unbox (struct.new $box (i32.const 1000)) (call $noise))))
              (func $noise (result i32) (call $collect) (i32.const 0))

              ;; Keeps a list of n nodes reachable from a global: past the cap, this traps.
              (func (export "hoard") (param $n i32)
                (block $done (loop $l
                  (br_if $done (i32.eqz (local.get $n)))
                  (global.set $keep (struct.new $node (local.get $n) (global.get $keep) (ref.null $node)))
                  (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                  (br $l))))
              (func (export "release") (global.set $keep (ref.null $node)))

              (func (export "internalize") (param externref) (result anyref) (any.convert_extern (local.get 0)))
              (func (export "externalize") (param anyref) (result externref) (extern.convert_any (local.get 0)))
              (func (export "isBox") (param anyref) (result i32) (ref.test (ref $box) (local.get 0))))
            """;

    private record Run(Engine engine, Store store, Instance instance) implements AutoCloseable {
        GcHeap heap() {
            return Internals.state(store).gcHeap();
        }

        long call(String name, long... args) {
            long[] r = instance.function(name).call(args);
            return r.length == 0 ? 0 : r[0];
        }

        @Override
        public void close() {
            store.close();
            engine.close();
        }
    }

    /** The program on {@code executor} with the cap; the host's "collect" collects and churns 1 MiB. */
    private static Run run(String executor) {
        var engine = Engine.builder().executor(executor).maxGcHeapBytes(CAP).build();
        var store = new Store(engine);
        var module = engine.decode(Wat.toBinary(PROGRAM));
        Instance[] self = new Instance[1];
        var linker = new Linker().define("host", "collect", FuncType.of(List.of(), List.of()), args -> {
            Internals.state(store).gcHeap().collect();
            // Reuse whatever the collection freed, with other values: a freed box would be overwritten.
            self[0].function("churn").call(1024);
            return new long[0];
        });
        self[0] = linker.instantiate(store, module);
        return new Run(engine, store, self[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void shortLivedGarbageFiftyTimesTheCapNeverTraps(String executor) {
        try (var r = run(executor)) {
            long n = 50 * CAP / 1024;
            assertEquals(n * 128, r.call("churn", n));
            assertTrue(r.heap().collections() >= 10, "collected " + r.heap().collections() + " times");
            assertTrue(r.heap().committedBytes() <= CAP, r.heap().committedBytes() + " bytes committed");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void aTreeHeldByAGlobalSurvivesAHundredCollections(String executor) {
        try (var r = run(executor)) {
            r.call("plant", 11);
            assertEquals(4095, r.call("check"));
            long before = r.heap().collections();
            while (r.heap().collections() < before + 100) {
                r.call("churn", 512);
            }
            assertEquals(4095, r.call("check"), "nodes intact after 100 collections");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void aHostHeldReferenceLivesUntilReleased(String executor) {
        try (var r = run(executor)) {
            var bytes = r.instance.function("bytes").call(100_000)[0];
            var held = GcRef.hold(r.store, bytes);
            r.heap().collect();
            r.call("churn", 2048);
            r.heap().collect();
            assertEquals(GcRef.Kind.ARRAY, held.kind());
            assertEquals(100_000, held.length());
            assertEquals(7, held.element(99_999));
            assertEquals(7, r.call("byte", held.ref(), 54_321));
            long used = r.heap().usedBytes();
            // Packed: 100,000 i8 elements take 12,500 slots, not 100,000.
            assertTrue(used >= 100_000 && used < 200_000, used + " bytes used");
            held.close();
            r.heap().collect();
            assertTrue(r.heap().usedBytes() <= used - 100_000, r.heap().usedBytes() + " bytes used after release");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void cyclesAreCollected(String executor) {
        try (var r = run(executor)) {
            r.heap().collect();
            long base = r.heap().usedBytes();
            r.call("ring", 10_000);
            assertTrue(r.heap().usedBytes() >= base + 10_000 * 32, "the ring was allocated");
            r.heap().collect();
            assertEquals(base, r.heap().usedBytes());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void aCollectionKeepsWhatOnlyAFrameHolds(String executor) {
        try (var r = run(executor)) {
            long before = r.heap().collections();
            assertEquals(1042, r.call("frame"));
            assertTrue(r.heap().collections() >= before + 2, "the host collected during the call");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void pastTheCapAllocationTrapsAndTheStoreStaysUsable(String executor) {
        try (var r = run(executor)) {
            var trap = assertThrows(Trap.class, () -> r.call("hoard", 1_000_000));
            assertEquals(TrapKind.GC_HEAP_EXHAUSTED, trap.kind());
            r.call("release");
            r.call("plant", 8);
            assertEquals(511, r.call("check"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void aReferenceOnTheRootStackSurvivesACollection(String executor) {
        // The mechanism compiled frames use (GcRootStack): the only reference is spilled there.
        try (var r = run(executor)) {
            var roots = Internals.state(r.store).rootStack();
            long bytes = r.instance.function("bytes").call(1000)[0];
            int mark = roots.top();
            roots.push(bytes);
            r.heap().collect();
            r.call("churn", 2048);
            assertEquals(7, r.call("byte", roots.get(mark), 999));
            roots.popTo(mark);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void hostMadeObjectsAndI31sCrossIntoWasm(String executor) {
        try (var r = run(executor)) {
            try (var box = GcRef.newStruct(r.store, r.instance, 3, 5)) {
                assertEquals(5, box.field(0));
                var immutable = assertThrows(JwasmException.class, () -> box.setField(0, 9));
                assertEquals("field 0 is immutable", immutable.getMessage());
                assertEquals(GcRef.Kind.STRUCT, box.kind());
                assertEquals(1, box.fieldCount());
            }
            try (var bytes = GcRef.newArray(r.store, r.instance, 1, 1, 255, 3)) {
                assertEquals(255, r.call("byte", bytes.ref(), 1));
                bytes.setElement(2, 0x1FE);
                assertEquals(0xFE, bytes.element(2));
                assertEquals(3, bytes.length());
            }
            long hello = Internals.state(r.store).externRef("hello");
            try (var host = GcRef.hold(r.store, r.call("internalize", hello))) {
                assertEquals(GcRef.Kind.HOST, host.kind());
                assertEquals("hello", host.hostValue());
                assertEquals(0, r.call("isBox", host.ref()));
                assertEquals(hello, r.call("externalize", host.ref()));
            }
            try (var box = GcRef.newStruct(r.store, r.instance, 3, 11);
                    var external = GcRef.hold(r.store, r.call("externalize", box.ref()))) {
                assertEquals(GcRef.Kind.STRUCT, external.kind());
                assertEquals(11, external.field(0));
                assertEquals(1, r.call("isBox", r.call("internalize", external.ref())));
            }
            try (var i31 = GcRef.hold(r.store, GcRef.i31(-5))) {
                assertEquals(-5, i31.i31Value());
                assertEquals(GcRef.Kind.I31, i31.kind());
            }
        }
    }
}
