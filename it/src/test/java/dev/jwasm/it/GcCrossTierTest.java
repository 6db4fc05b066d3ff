package dev.jwasm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Engine;
import dev.jwasm.api.Instance;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.exec.jit.JitListener;
import dev.jwasm.exec.jit.JitProvider;
import dev.jwasm.exec.jit.Uncompiled;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.wat.Wat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * GC roots in compiled frames, where the collector runs inside a host call that compiled code
 * makes: the only reference to an object is on the operand stack of a compiled caller, or in the
 * frame of a function holding it as an externref (an externalized struct keeps its bits). The JIT
 * compiles every function here and spills those references to the root stack. Each object is read
 * back after the collection and an allocation that reuses freed space, so a missed root fails.
 */
class GcCrossTierTest {
    private static final String PROGRAM = """
            (module
              (type $box (struct (field i32)))
              (type $longs (array (mut i64)))
              (import "host" "collect" (func $collect))
              (func (export "churn") (param $n i32)
                (block $done (loop $l
                  (br_if $done (i32.eqz (local.get $n)))
                  (drop (array.new $longs (i64.extend_i32_u (local.get $n)) (i32.const 128)))
                  (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                  (br $l))))
              ;; It calls the host, which collects.
              (func $plain (result i32) (call $collect) (i32.const 1))
              ;; This frame holds the new box on its operand stack across the call that collects.
              (func (export "stack") (result i32)
                (struct.get $box 0 (ref.cast (ref $box) (call $pick (struct.new $box (i32.const 42)) (call $plain)))))
              (func $pick (param $b anyref) (param i32) (result anyref) (local.get $b))
              ;; Holds an externalized box, and nothing else does, while the host collects.
              (func $hold (param $e externref) (result externref) (call $collect) (local.get $e))
              (func (export "extern") (result i32)
                (struct.get $box 0 (ref.cast (ref $box)
                  (any.convert_extern (call $hold (extern.convert_any (struct.new $box (i32.const 7))))))))
            )
            """;

    /** The program on the JIT, with what it left to the interpreter per function index. */
    private record Run(Store store, Instance instance, Map<Integer, String> interpreted) {}

    private static Run run() {
        var interpreted = new TreeMap<Integer, String>();
        JitListener listener = (compiled, uncompiled) -> {
            for (Uncompiled u : uncompiled) {
                interpreted.put(u.functionIndex(), u.reason());
            }
        };
        var engine = Engine.builder()
                .executor(new JitProvider(listener))
                .jitEager(true)
                .build();
        var store = new Store(engine);
        Instance[] self = new Instance[1];
        var linker = new Linker().define("host", "collect", FuncType.of(List.of(), List.of()), args -> {
            Internals.state(store).gcHeap().collect();
            // Reuse what the collection freed: a freed box would be overwritten.
            self[0].function("churn").call(256);
            return new long[0];
        });
        self[0] = linker.instantiate(store, engine.decode(Wat.toBinary(PROGRAM)));
        return new Run(store, self[0], interpreted);
    }

    @Test
    void aCompiledFrameKeepsTheReferencesOnItsOperandStack() {
        var r = run();
        assertEquals(Map.of(), r.interpreted(), "every function is compiled");
        long before = Internals.state(r.store()).gcHeap().collections();
        assertEquals(42, r.instance().function("stack").call()[0]);
        assertTrue(Internals.state(r.store()).gcHeap().collections() > before, "the host collected");
    }

    @Test
    void aFunctionHoldingAnExternalizedObjectAcrossACallKeepsItRooted() {
        var r = run();
        // $hold has only an externref, spilled across its call like any reference.
        assertEquals(Map.of(), r.interpreted(), "every function is compiled");
        long before = Internals.state(r.store()).gcHeap().collections();
        assertEquals(7, r.instance().function("extern").call()[0]);
        assertTrue(Internals.state(r.store()).gcHeap().collections() > before, "the host collected");
    }
}
