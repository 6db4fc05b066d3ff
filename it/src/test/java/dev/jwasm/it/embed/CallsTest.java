package dev.jwasm.it.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwasm.api.Engine;
import dev.jwasm.api.HostModule;
import dev.jwasm.api.Instance;
import dev.jwasm.api.JwasmException;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.WasmExport;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.wat.Wat;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Host functions that see their caller, annotated host modules, and typed calls of exports. */
class CallsTest {
    private static final String PLUGIN = """
            (module
              (import "env" "log" (func $log (param i32 i32)))
              (import "env" "scale" (func $scale (param f64 i64) (result f64)))
              (memory (export "memory") 1)
              (data (i32.const 100) "hello, host")
              (func (export "greet") (call $log (i32.const 100) (i32.const 11)))
              (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
              (func (export "mul64") (param i64 i64) (result i64) (i64.mul (local.get 0) (local.get 1)))
              (func (export "half") (param f32) (result f32) (f32.div (local.get 0) (f32.const 2)))
              (func (export "scaled") (param f64) (result f64) (call $scale (local.get 0) (i64.const 3)))
              (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1))))
            """;

    /** A host module as a user writes one: public, annotated methods. */
    public static final class Env {
        final List<String> logged = new ArrayList<>();
        Instance lastCaller;

        @WasmExport
        public void log(Instance caller, int ptr, int len) {
            lastCaller = caller;
            logged.add(caller.memory("memory").readString(ptr, len));
        }

        @WasmExport(name = "scale")
        public double times(double x, long factor) {
            return x * factor;
        }
    }

    /** Typed views of the plugin's exports. */
    public interface Add {
        int apply(int a, int b);
    }

    public interface Half {
        float of(float x);
    }

    public interface WrongArity {
        int apply(int a);
    }

    private static Engine engine(String executor) {
        return Engine.builder().executor(executor).memory("heap").build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void anAnnotatedHostFunctionReadsItsCallersMemory(String executor) {
        try (var engine = engine(executor);
                var store = new Store(engine)) {
            var env = new Env();
            var host = HostModule.of(env);
            assertEquals(Set.of("log", "scale"), host.names());
            assertEquals(FuncType.of(List.of(ValType.F64, ValType.I64), List.of(ValType.F64)), host.type("scale"));
            var plugin = new Linker().define("env", host).instantiate(store, engine.decode(Wat.toBinary(PLUGIN)));

            plugin.function("greet").call();
            plugin.function("greet").call();
            assertEquals(List.of("hello, host", "hello, host"), env.logged);
            assertSame(store, env.lastCaller.store());
            assertEquals(plugin.memory("memory"), env.lastCaller.memory("memory"));
            assertEquals(
                    7.5,
                    Double.longBitsToDouble(plugin.function("scaled").callForLong(Double.doubleToRawLongBits(2.5))));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void exportsAreCalledWithJavaPrimitives(String executor) {
        try (var engine = engine(executor);
                var store = new Store(engine)) {
            var plugin = new Linker()
                    .define("env", HostModule.of(new Env()))
                    .instantiate(store, engine.decode(Wat.toBinary(PLUGIN)));
            assertEquals(-3, plugin.function("add").asIntBinaryOperator().applyAsInt(-1, -2));
            assertEquals(
                    Integer.MIN_VALUE,
                    plugin.function("add").asIntBinaryOperator().applyAsInt(Integer.MAX_VALUE, 1));
            assertEquals(
                    1L << 40, plugin.function("mul64").asLongBinaryOperator().applyAsLong(1L << 20, 1L << 20));
            assertEquals(42, plugin.function("add").bind(Add.class).apply(40, 2));
            assertEquals(-1.25f, plugin.function("half").bind(Half.class).of(-2.5f));

            var div = plugin.function("div").asIntBinaryOperator();
            assertEquals(
                    TrapKind.INTEGER_DIVIDE_BY_ZERO,
                    assertThrows(Trap.class, () -> div.applyAsInt(1, 0)).kind());
            assertEquals(3, div.applyAsInt(7, 2), "a trap leaves the typed view usable");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp"})
    void aTypedViewOfTheWrongTypeIsRefusedWhenMade(String executor) {
        try (var engine = engine(executor);
                var store = new Store(engine)) {
            var plugin = new Linker()
                    .define("env", HostModule.of(new Env()))
                    .instantiate(store, engine.decode(Wat.toBinary(PLUGIN)));
            var e = assertThrows(
                    JwasmException.class, () -> plugin.function("mul64").asIntBinaryOperator());
            assertEquals(
                    "function of type [i64, i64] -> [i64] cannot be called as [i32, i32] -> [i32]", e.getMessage());
            assertThrows(JwasmException.class, () -> plugin.function("add").bind(WrongArity.class));
            assertThrows(JwasmException.class, () -> plugin.function("add").bind(Runnable.class));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void aPlainHostFunctionCalledFromJavaHasNoCaller(String executor) {
        var seen = new AtomicReference<Instance>();
        try (var engine = engine(executor);
                var store = new Store(engine)) {
            var type = FuncType.of(List.of(ValType.I32), List.of(ValType.I32));
            var linker = new Linker().define("env", "twice", type, (caller, args) -> {
                seen.set(caller);
                return new long[] {args[0] * 2};
            });
            var plugin = linker.instantiate(store, engine.decode(Wat.toBinary("""
                    (module (import "env" "twice" (func $t (param i32) (result i32)))
                      (export "twice" (func $t))
                      (func (export "viaWasm") (param i32) (result i32) (call $t (local.get 0))))
                    """)));
            assertEquals(10, plugin.function("viaWasm").callForLong(5));
            assertEquals(Set.of("twice", "viaWasm"), seen.get().exportNames());
            assertEquals(12, plugin.function("twice").callForLong(6));
            assertNull(seen.get(), "called from Java: no calling instance");
        }
    }

    /** Not public: bound through the lookup the class hands over. */
    static final class Private {
        @WasmExport
        private int answer() {
            return 42;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp"})
    void badHostObjectsAreRefusedWithAReason(String executor) {
        var e = assertThrows(JwasmException.class, () -> HostModule.of(new Object()));
        assertEquals("java.lang.Object has no @WasmExport methods", e.getMessage());
        assertThrows(JwasmException.class, () -> HostModule.of(new Private()));
        assertEquals(
                Set.of("answer"),
                HostModule.of(new Private(), MethodHandles.lookup()).names());
        var bad = assertThrows(
                JwasmException.class,
                () -> HostModule.of(
                        new Object() {
                            @WasmExport
                            public String name(int x) {
                                return "";
                            }
                        },
                        MethodHandles.lookup()));
        assertEquals(true, bad.getMessage().contains("only void, int, long, float and double"), bad.getMessage());
    }

    /**
     * A host function that calls the same typed view again, from inside the outer call, must not
     * disturb the outer call's arguments (a view that reused one argument array would).
     * f(0, b) = b and f(a, b) = f(a - 1, b + 1) + 100a + b, read from the locals after the inner
     * call returns; so f(2, 5) = (7 + 106) + 205 = 318.
     */
    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void aTypedViewCalledAgainFromInsideItsOwnCallKeepsBothCallsArguments(String executor) {
        String wat = """
                (module
                  (import "env" "again" (func $again (param i32 i32) (result i32)))
                  (func (export "f") (param $a i32) (param $b i32) (result i32)
                    (if (result i32) (i32.eqz (local.get $a))
                      (then (local.get $b))
                      (else
                        (i32.add
                          (call $again (i32.sub (local.get $a) (i32.const 1)) (i32.add (local.get $b) (i32.const 1)))
                          (i32.add (i32.mul (local.get $a) (i32.const 100)) (local.get $b)))))))
                """;
        try (var engine = engine(executor);
                var store = new Store(engine)) {
            var view = new AtomicReference<IntBinaryOperator>();
            var bound = new AtomicReference<Add>();
            var useBound = new AtomicBoolean();
            var type = FuncType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I32));
            var f = new Linker()
                    .define("env", "again", type, args -> new long[] {
                        useBound.get()
                                ? bound.get().apply((int) args[0], (int) args[1])
                                : view.get().applyAsInt((int) args[0], (int) args[1])
                    })
                    .instantiate(store, engine.decode(Wat.toBinary(wat)))
                    .function("f");
            view.set(f.asIntBinaryOperator());
            bound.set(f.bind(Add.class));
            assertEquals(318, view.get().applyAsInt(2, 5));
            assertEquals(5, view.get().applyAsInt(0, 5));
            useBound.set(true);
            assertEquals(318, bound.get().apply(2, 5));
            // f(3, 0) = f(2, 1) + 300 = (f(1, 2) + 201) + 300 = (3 + 102) + 501 = 606
            assertEquals(606, bound.get().apply(3, 0));
        }
    }
}
