package dev.jwasm.exec.jit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.ConfigurationException;
import dev.jwasm.api.Engine;
import dev.jwasm.api.Instance;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.WasmModule;
import dev.jwasm.exec.jit.JitCompilationException;
import dev.jwasm.exec.jit.JitListener;
import dev.jwasm.exec.jit.Uncompiled;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.memory.heap.HeapMemoryProvider;
import dev.jwasm.wat.Wat;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Eager mode compiles at instantiation, strict mode makes an uncompiled function an error, and in
 * normal mode an uncompiled function runs on the interpreter. Functions named {@code slow...} are
 * the ones this test's JIT pretends it cannot compile.
 */
class JitModesTest {
    private static final String MODULE = """
            (module
              (func $fast (export "fast") (param i32) (result i32) (i32.add (local.get 0) (call $slowTwice (local.get 0))))
              (func $slowTwice (export "slowTwice") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2))))
            """;
    private static final String ALL_FAST = """
            (module (func (export "fast") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))
            """;

    private final List<String> reported = new ArrayList<>();

    private final JitListener recorder = new JitListener() {
        @Override
        public void moduleCompiled(int compiled, List<Uncompiled> interpreted) {
            reported.add(compiled + " compiled " + interpreted);
        }
    };

    private Instance instance(String wat, UnaryOperator<Engine.Builder> modes, JitListener listener) {
        var builder = Engine.builder()
                .memory(new HeapMemoryProvider())
                .executor(Jit.provider(f -> Jit.named(f, "slow"), listener));
        Engine engine = modes.apply(builder).build();
        return new Linker().instantiate(new Store(engine), WasmModule.decode(Wat.toBinary(wat)));
    }

    private static boolean compiledYet(Instance inst) {
        return CompiledModule.of(Internals.state(inst)).tier().code() != null;
    }

    @Test
    void thresholdZeroCompilesOnFirstUseAndInterpretsWhatItCannotCompile() {
        Instance inst = instance(MODULE, b -> b.jitEager(false).jitStrict(false).jitThreshold(0), recorder);
        assertFalse(compiledYet(inst), "nothing is compiled before the first call");
        assertEquals(15, inst.function("fast").callForLong(5));
        assertTrue(Jit.compiled(inst, "fast"));
        assertFalse(Jit.compiled(inst, "slowTwice"));
        assertEquals(
                List.of("1 compiled [function 1 ($slowTwice): left to the interpreter by the executor]"), reported);
    }

    @Test
    void eagerModeCompilesAtInstantiation() {
        Instance inst = instance(MODULE, b -> b.jitEager(true), recorder);
        assertTrue(compiledYet(inst), "compiled before any call");
        assertEquals(1, reported.size());
        assertEquals(15, inst.function("fast").callForLong(5));
        assertEquals(1, reported.size(), "compiled once");
    }

    @Test
    void strictEagerModeFailsInstantiationNamingTheFunctionAndTheReason() {
        var e = assertThrows(
                JitCompilationException.class,
                () -> instance(MODULE, b -> b.jitEager(true).jitStrict(true), JitListener.NONE));
        assertEquals(1, e.function().functionIndex());
        assertEquals("slowTwice", e.function().name().orElseThrow());
        assertEquals(
                "JIT (strict mode) cannot compile function 1 ($slowTwice): left to the interpreter by the executor",
                e.getMessage());
        // A module the JIT compiles whole is fine in strict mode.
        assertEquals(
                8,
                instance(ALL_FAST, b -> b.jitEager(true).jitStrict(true), JitListener.NONE)
                        .function("fast")
                        .callForLong(7));
    }

    @Test
    void strictLazyModeFailsTheFirstCall() {
        Instance inst = instance(MODULE, b -> b.jitStrict(true), JitListener.NONE);
        assertThrows(JitCompilationException.class, () -> inst.function("fast").call(1));
        // Still an error later: strict mode never falls back.
        assertThrows(
                JitCompilationException.class, () -> inst.function("slowTwice").call(1));
    }

    @Test
    void aListenerMayTolerateAFunctionInStrictMode() {
        var tolerant = new JitListener() {
            @Override
            public void moduleCompiled(int compiled, List<Uncompiled> interpreted) {
                reported.add(compiled + " compiled, " + interpreted.size() + " interpreted");
            }

            @Override
            public boolean tolerated(Uncompiled function) {
                return function.unsupported();
            }
        };
        Instance inst = instance(MODULE, b -> b.jitEager(true).jitStrict(true), tolerant);
        assertEquals(15, inst.function("fast").callForLong(5));
        assertEquals(List.of("1 compiled, 1 interpreted"), reported);
    }

    @Test
    void systemPropertiesSetTheModesUnlessTheBuilderDoes() {
        String eager = System.getProperty(Engine.JIT_EAGER_PROPERTY);
        String strict = System.getProperty(Engine.JIT_STRICT_PROPERTY);
        String threshold = System.getProperty(Engine.JIT_THRESHOLD_PROPERTY);
        try {
            System.setProperty(Engine.JIT_EAGER_PROPERTY, "true");
            System.setProperty(Engine.JIT_STRICT_PROPERTY, "true");
            System.setProperty(Engine.JIT_THRESHOLD_PROPERTY, "17");
            var fromProperties =
                    Engine.builder().memory(new HeapMemoryProvider()).build().config();
            assertTrue(fromProperties.jitEager());
            assertTrue(fromProperties.jitStrict());
            assertEquals(17, fromProperties.jitThreshold());
            var explicit = Engine.builder()
                    .memory(new HeapMemoryProvider())
                    .jitEager(false)
                    .jitStrict(false)
                    .jitThreshold(3)
                    .build()
                    .config();
            assertFalse(explicit.jitEager());
            assertFalse(explicit.jitStrict());
            assertEquals(3, explicit.jitThreshold());
            System.setProperty(Engine.JIT_THRESHOLD_PROPERTY, "many");
            var e = assertThrows(
                    ConfigurationException.class,
                    () -> Engine.builder().memory(new HeapMemoryProvider()).build());
            assertEquals("jwasm.jit.threshold must be a count, not 'many'", e.getMessage());
        } finally {
            restore(Engine.JIT_EAGER_PROPERTY, eager);
            restore(Engine.JIT_STRICT_PROPERTY, strict);
            restore(Engine.JIT_THRESHOLD_PROPERTY, threshold);
        }
        var defaults = Engine.builder().memory(new HeapMemoryProvider()).build().config();
        assertFalse(defaults.jitEager());
        assertFalse(defaults.jitStrict());
        assertEquals(1_000, defaults.jitThreshold());
        assertThrows(ConfigurationException.class, () -> Engine.builder()
                .memory(new HeapMemoryProvider())
                .jitThreshold(-1)
                .build());
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    @Test
    void instancesWithoutOwnFunctionsNeedNoCompilation() {
        Instance inst = instance("(module (memory 1))", b -> b.jitEager(true).jitStrict(true), recorder);
        assertTrue(compiledYet(inst));
        assertTrue(reported.isEmpty());
        assertNull(CompiledModule.of(Internals.state(inst)).code());
    }
}
