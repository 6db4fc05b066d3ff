package dev.jwasm.exec.jit.internal;

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
import dev.jwasm.api.WasmModule;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.exec.interp.internal.Machine;
import dev.jwasm.exec.jit.JitListener;
import dev.jwasm.memory.heap.HeapMemoryProvider;
import dev.jwasm.spi.ExecutorProvider;
import dev.jwasm.wat.Wat;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Calls across the tiers, both ways: compiled code calling a function the JIT left to the
 * interpreter runs it there, and interpreted code calling a compiled function enters its compiled
 * code. Which tier ran is read off the JVM stack a host function sees: a compiled function is
 * a method {@code f<index>} of the generated (hidden) class, an interpreted one a frame of
 * {@link Machine}. Functions whose name starts with {@code interp} are left to the interpreter.
 */
class CrossTierTest {
    private static final String MODULE = """
            (module
              (import "env" "probe" (func $probe))
              (func $compiledLeaf (export "compiledLeaf") (param i32) (result i32)
                (call $probe) (i32.mul (local.get 0) (i32.const 3)))
              (func $interpLeaf (export "interpLeaf") (param i32) (result i32)
                (call $probe) (i32.add (local.get 0) (i32.const 100)))
              (func $interpCaller (export "interpCaller") (param i32) (result i32)
                (i32.add (call $compiledLeaf (local.get 0)) (i32.const 1)))
              (func $compiledCaller (export "compiledCaller") (param i32) (result i32)
                (i32.add (call $interpLeaf (local.get 0)) (i32.const 1)))
              (func $interpTail (export "interpTail") (param i32) (result i32)
                (return_call $compiledLeaf (local.get 0)))
              (type $t (func (param i32) (result i32)))
              (table funcref (elem $compiledLeaf))
              (func $interpIndirect (export "interpIndirect") (param i32) (result i32)
                (call_indirect (type $t) (local.get 0) (i32.const 0)))
              (func $interpRef (export "interpRef") (param i32) (result i32)
                (call_ref $t (local.get 0) (ref.func $compiledLeaf)))
              (elem declare func $compiledLeaf)
              ;; Mutual recursion alternating the tiers at every call: n deep, result n.
              (func $interpDown (export "interpDown") (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                  (else (i32.add (i32.const 1) (call $compiledDown (i32.sub (local.get 0) (i32.const 1)))))))
              (func $compiledDown (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                  (else (i32.add (i32.const 1) (call $interpDown (i32.sub (local.get 0) (i32.const 1))))))))
            """;

    /** The tier of each Wasm frame from the innermost out, as the probe last saw them. */
    private final List<String> tiers = new ArrayList<>();

    private Instance instance(int maxCallDepth) {
        ExecutorProvider provider = Jit.provider(f -> Jit.named(f, "interp"), JitListener.NONE);
        Engine engine = Engine.builder()
                .memory(new HeapMemoryProvider())
                .executor(provider)
                .maxCallDepth(maxCallDepth)
                // Compiled at the first call: the tiers' calls are under test, not tiering.
                .jitThreshold(0)
                .build();
        var linker = new Linker().define("env", "probe", FuncType.of(List.of(), List.of()), args -> {
            tiers.clear();
            StackWalker.getInstance(StackWalker.Option.SHOW_HIDDEN_FRAMES).forEach(frame -> {
                if (frame.getClassName().startsWith(ModuleCompiler.CLASS_NAME.replace('/', '.'))
                        && frame.getMethodName().matches("f\\d+")) {
                    tiers.add("jit");
                } else if (frame.getClassName().equals(Machine.class.getName())
                        && frame.getMethodName().equals("run")) {
                    tiers.add("interp");
                }
            });
            return new long[0];
        });
        return linker.instantiate(new Store(engine), WasmModule.decode(Wat.toBinary(MODULE)));
    }

    @Test
    void compiledCodeCallsInterpretedCode() {
        Instance inst = instance(10_000);
        assertEquals(106, inst.function("compiledCaller").callForLong(5));
        assertTrue(Jit.compiled(inst, "compiledCaller"));
        assertFalse(Jit.compiled(inst, "interpLeaf"));
        // The leaf ran on the interpreter, called from the compiled caller.
        assertEquals(List.of("interp", "jit"), tiers);
    }

    @Test
    void interpretedCodeEntersCompiledCodeAtEveryKindOfCall() {
        Instance inst = instance(10_000);
        assertEquals(16, inst.function("interpCaller").callForLong(5));
        assertFalse(Jit.compiled(inst, "interpCaller"));
        assertTrue(Jit.compiled(inst, "compiledLeaf"));
        // Before the tiers called each other both ways, the leaf ran interpreted too.
        assertEquals(List.of("jit", "interp"), tiers);
        for (String export : List.of("interpTail", "interpIndirect", "interpRef")) {
            tiers.clear();
            assertEquals(21, inst.function(export).callForLong(7), export);
            assertEquals(List.of("jit", "interp"), tiers, export);
        }
    }

    @Test
    void recursionThroughBothTiersRunsToTheCallDepthLimitAndTrapsPastIt() {
        Instance inst = instance(10_000);
        // Each call changes tier; past the JIT's nesting depth the rest runs on the interpreter's
        // own stack, so the JVM stack holds at most that many frames whatever the depth.
        assertEquals(9_000, inst.function("interpDown").callForLong(9_000));
        var trap = assertThrows(Trap.class, () -> inst.function("interpDown").call(10_001));
        assertEquals(TrapKind.CALL_STACK_EXHAUSTED, trap.kind());
        assertEquals("call stack exhausted", trap.getMessage());
        // The limit counts the frames of both tiers: exactly maxCallDepth frames fit.
        assertEquals(9_999, inst.function("interpDown").callForLong(9_999));
        assertEquals(3, inst.function("interpDown").callForLong(3));
    }

    @Test
    void aSmallCallDepthLimitHoldsAcrossTheTiers() {
        Instance inst = instance(50);
        assertEquals(49, inst.function("interpDown").callForLong(49));
        assertEquals(
                TrapKind.CALL_STACK_EXHAUSTED,
                assertThrows(Trap.class, () -> inst.function("interpDown").call(50))
                        .kind());
    }
}
