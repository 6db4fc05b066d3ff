package dev.jwasm.wat;

import dev.jwasm.api.Engine;
import dev.jwasm.api.Features;
import dev.jwasm.api.Global;
import dev.jwasm.api.Instance;
import dev.jwasm.api.InvalidModuleException;
import dev.jwasm.api.JwasmException;
import dev.jwasm.api.LinkException;
import dev.jwasm.api.Linker;
import dev.jwasm.api.MalformedModuleException;
import dev.jwasm.api.Memory;
import dev.jwasm.api.Store;
import dev.jwasm.api.Table;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.WasmException;
import dev.jwasm.api.WasmModule;
import dev.jwasm.api.model.AddressType;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.GlobalType;
import dev.jwasm.api.model.Limits;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.TableType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.spi.runtime.StoreState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the commands of a {@code .wast} script (the spec interpreter's script format) in order,
 * against one engine: modules are compiled, instantiated and registered in a store of their own,
 * with the {@code spectest} host module the testsuite imports from.
 *
 * <p>Compile-time checks: every module command must encode (text and quote through the WAT
 * parser) and be accepted by the decoder and validator; {@code assert_malformed} must be rejected
 * by the WAT parser or the decoder (never only by the validator), for binary modules with the
 * spec's leading message text; {@code assert_invalid} must be rejected by the validator with the
 * spec's leading message text. Run-time checks: {@code assert_return} compares results bitwise
 * (with the spec's NaN patterns), {@code assert_trap} and {@code assert_unlinkable} compare the
 * leading message text, {@code assert_exhaustion} expects "call stack exhausted", {@code
 * assert_exception} an uncaught Wasm exception ({@link WasmException}).
 *
 * <p>Not thread-safe: one runner per script. Close it to release the store's memories.
 */
public final class WastRunner implements AutoCloseable {
    /** Why commands are skipped when the runner has no engine to execute with. */
    public static final String NO_EXECUTION = "needs an engine to instantiate and run modules";

    private final Engine engine;
    private final Features features;
    private final Store store;
    private final Linker linker = new Linker();
    private final Map<String, Instance> instances = new HashMap<>();
    private final Map<String, WasmModule> definitions = new HashMap<>();
    private Instance current;

    /** A runner that only compiles: commands needing an instance are skipped. */
    public WastRunner() {
        this(Features.defaults());
    }

    /** A runner that only compiles, under {@code features}: commands needing an instance are skipped. */
    public WastRunner(Features features) {
        this.engine = null;
        this.features = features;
        this.store = null;
    }

    /** A runner that instantiates and runs modules on {@code engine}. */
    public WastRunner(Engine engine) {
        this.engine = engine;
        this.features = engine.features();
        this.store = new Store(engine);
        defineSpectest();
    }

    /** Runs one command; anything jwasm throws for bad input is part of the outcome, never thrown. */
    public WastOutcome run(WastCommand command) {
        return switch (command) {
            case WastCommand.Module m -> module(m);
            case WastCommand.AssertMalformed m -> expectMalformed(m.module(), m.message());
            case WastCommand.AssertMalformedCustom m -> expectMalformed(m.module(), m.message());
            case WastCommand.AssertInvalid m -> expectInvalid(m.module(), m.message());
            case WastCommand.AssertInvalidCustom m -> expectInvalid(m.module(), m.message());
            case WastCommand.AssertUnlinkable m -> expectUnlinkable(m.module(), m.message());
            case WastCommand.AssertUninstantiable m -> expectUninstantiable(m.module(), m.message());
            case WastCommand.ModuleInstance m -> moduleInstance(m);
            case WastCommand.Register r -> register(r);
            case WastCommand.Action a ->
                executing(() -> {
                    act(a.action());
                    return WastOutcome.passed();
                });
            case WastCommand.AssertReturn a -> executing(() -> expectReturn(a));
            case WastCommand.AssertTrap a -> executing(() -> expectTrap(a.action(), a.message()));
            case WastCommand.AssertExhaustion a -> executing(() -> expectExhaustion(a.action()));
            case WastCommand.AssertException a -> executing(() -> expectException(a.action()));
        };
    }

    /** The instance the last module command made, if it made one (for differential tests). */
    public java.util.Optional<Instance> current() {
        return java.util.Optional.ofNullable(current);
    }

    /** The store the runner instantiates in, or null when it has no engine. */
    public Store store() {
        return store;
    }

    /** Text and quoted modules go through the WAT parser; binary ones straight to the decoder. */
    public static byte[] encode(ModuleSource source) {
        return encode(source, Features.defaults());
    }

    /** As {@link #encode(ModuleSource)}, with the WAT parser reading text as {@code features} say. */
    public static byte[] encode(ModuleSource source, Features features) {
        return switch (source) {
            case ModuleSource.Binary b -> b.bytes();
            case ModuleSource.Text t -> Wat.toBinary(t.text(), features);
            case ModuleSource.Quote q -> Wat.toBinary(q.text(), features);
        };
    }

    /** Decodes and validates under the runner's features (its engine's, when it has one). */
    private WasmModule compile(ModuleSource source) {
        return WasmModule.decode(encode(source, features), features).validate();
    }

    private WastOutcome module(WastCommand.Module m) {
        WasmModule compiled;
        try {
            compiled = compile(m.source());
        } catch (JwasmException e) {
            current = null;
            return WastOutcome.failed("a valid module", describe(e));
        }
        if (m.definitionOnly()) {
            if (m.id() != null) {
                definitions.put(m.id(), compiled);
            }
            return WastOutcome.passed();
        }
        if (engine == null) {
            return WastOutcome.passed();
        }
        return instantiate(compiled, m.id());
    }

    private WastOutcome moduleInstance(WastCommand.ModuleInstance m) {
        if (engine == null) {
            return WastOutcome.skipped(NO_EXECUTION);
        }
        WasmModule definition = definitions.get(m.definitionId());
        if (definition == null) {
            return WastOutcome.failed("a module definition " + m.definitionId(), "none by that name");
        }
        return instantiate(definition, m.instanceId());
    }

    private WastOutcome instantiate(WasmModule module, String id) {
        try {
            current = linker.instantiate(store, module);
        } catch (JwasmException e) {
            current = null;
            return WastOutcome.failed("an instance", describe(e));
        } catch (StackOverflowError e) {
            current = null;
            return WastOutcome.failed("an instance", "StackOverflowError while instantiating");
        }
        if (id != null) {
            instances.put(id, current);
        }
        return WastOutcome.passed();
    }

    private WastOutcome register(WastCommand.Register r) {
        if (engine == null) {
            return WastOutcome.skipped(NO_EXECUTION);
        }
        Instance instance = r.module() == null ? current : instances.get(r.module());
        if (instance == null) {
            return WastOutcome.failed("an instance to register as " + r.name(), "none");
        }
        linker.define(r.name(), instance);
        return WastOutcome.passed();
    }

    private interface Execution {
        WastOutcome run();
    }

    private WastOutcome executing(Execution execution) {
        if (engine == null) {
            return WastOutcome.skipped(NO_EXECUTION);
        }
        try {
            return execution.run();
        } catch (JwasmException e) {
            return WastOutcome.failed("the action to complete", describe(e));
        }
    }

    private long[] act(WastAction action) {
        Instance instance = action.module() == null ? current : instances.get(action.module());
        if (instance == null) {
            throw new JwasmException("no instance " + (action.module() == null ? "(current)" : action.module()));
        }
        return switch (action) {
            case WastAction.Invoke invoke -> {
                // The embedding API's flat layout: a v128 takes two longs, low half first.
                var args = new ArrayList<Long>();
                for (WastValue v : invoke.args()) {
                    if (v instanceof WastValue.V128 vec) {
                        args.add(half(vec.bytes(), 0));
                        args.add(half(vec.bytes(), 8));
                    } else {
                        args.add(raw(v));
                    }
                }
                yield instance.function(invoke.name())
                        .call(args.stream().mapToLong(Long::longValue).toArray());
            }
            case WastAction.Get get -> {
                var global = instance.global(get.name());
                yield global.type().type() == ValType.V128
                        ? new long[] {global.get(), global.getHigh()}
                        : new long[] {global.get()};
            }
        };
    }

    /** The little-endian long at {@code from} in a v128's 16 bytes. */
    private static long half(byte[] bytes, int from) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (bytes[from + i] & 0xFF);
        }
        return v;
    }

    private long raw(WastValue value) {
        return switch (value) {
            case WastValue.I32 v -> v.value();
            case WastValue.I64 v -> v.value();
            case WastValue.F32 v -> v.bits();
            case WastValue.F64 v -> v.bits();
            case WastValue.RefNull _ -> 0;
            case WastValue.RefExtern v -> store.externRef(v.id());
            case WastValue.RefHost v -> store.externRef(v.id());
            case WastValue.V128 _ -> throw new IllegalStateException("a v128 takes two longs");
        };
    }

    private WastOutcome expectReturn(WastCommand.AssertReturn a) {
        long[] results = act(a.action());
        int width = 0;
        for (WastResult r : a.expected()) {
            width += isV128(r) ? 2 : 1;
        }
        if (results.length != width) {
            return WastOutcome.failed(
                    a.expected().size() + " results (" + width + " longs)", results.length + " longs");
        }
        int at = 0;
        for (int i = 0; i < a.expected().size(); i++) {
            WastResult expected = a.expected().get(i);
            if (isV128(expected)) {
                long lo = results[at++];
                long hi = results[at++];
                if (!matchesV128(expected, lo, hi)) {
                    return WastOutcome.failed(
                            "result " + i + " = " + expected,
                            "v128 0x" + String.format("%016x%016x", hi, lo) + " (high half first)");
                }
            } else if (!matches(expected, results[at++])) {
                return WastOutcome.failed("result " + i + " = " + expected, "0x" + Long.toHexString(results[at - 1]));
            }
        }
        return WastOutcome.passed();
    }

    private static boolean isV128(WastResult r) {
        return switch (r) {
            case WastResult.V128Lanes _ -> true;
            case WastResult.Exact e -> e.value() instanceof WastValue.V128;
            case WastResult.Either e ->
                !e.alternatives().isEmpty() && isV128(e.alternatives().getFirst());
            default -> false;
        };
    }

    /** A v128 result against an exact value or a per-lane pattern (NaN patterns per float lane). */
    private boolean matchesV128(WastResult expected, long lo, long hi) {
        return switch (expected) {
            case WastResult.Exact e
            when e.value() instanceof WastValue.V128 v -> half(v.bytes(), 0) == lo && half(v.bytes(), 8) == hi;
            case WastResult.V128Lanes l -> {
                int n = l.lanes().size();
                int bits = 128 / n;
                for (int i = 0; i < n; i++) {
                    int perHalf = n / 2;
                    long half = i < perHalf ? lo : hi;
                    long lane = bits == 64 ? half : (half >>> ((i % perHalf) * bits)) & ((1L << bits) - 1);
                    if (!matchesLane(l.lanes().get(i), lane, bits)) {
                        yield false;
                    }
                }
                yield true;
            }
            case WastResult.Either e -> e.alternatives().stream().anyMatch(alt -> matchesV128(alt, lo, hi));
            default -> false;
        };
    }

    /** One lane (its {@code bits} low bits in {@code lane}) against an Exact or a NaN pattern. */
    private boolean matchesLane(WastResult expected, long lane, int bits) {
        if (expected instanceof WastResult.Exact(WastValue.I32 v) && bits < 32) {
            return lane == (v.value() & ((1L << bits) - 1));
        }
        // 32- and 64-bit lanes: sign-extend as the scalar comparisons expect.
        return matches(expected, bits == 32 ? (int) lane : lane);
    }

    private boolean matches(WastResult expected, long actual) {
        return switch (expected) {
            case WastResult.Exact e ->
                switch (e.value()) {
                    case WastValue.I32 v -> (int) actual == v.value();
                    case WastValue.I64 v -> actual == v.value();
                    case WastValue.F32 v -> (int) actual == v.bits();
                    case WastValue.F64 v -> actual == v.bits();
                    case WastValue.RefNull _ -> actual == 0;
                    case WastValue.RefExtern v -> isExtern(actual, v.id());
                    case WastValue.RefHost v -> isExtern(actual, v.id());
                    case WastValue.V128 _ -> false;
                };
            case WastResult.Nan n -> n.bits() == 32 ? isNan32((int) actual, n.kind()) : isNan64(actual, n.kind());
            case WastResult.RefNull _ -> actual == 0;
            case WastResult.RefExtern e -> e.id() == null ? actual != 0 : isExtern(actual, e.id());
            case WastResult.RefHost h -> isExtern(actual, h.id());
            case WastResult.RefKind _ -> actual != 0;
            case WastResult.Either e -> e.alternatives().stream().anyMatch(alt -> matches(alt, actual));
            case WastResult.V128Lanes _ -> false;
        };
    }

    private boolean isExtern(long ref, long id) {
        return ref != 0
                && (ref & StoreState.EXTERN_TAG) != 0
                && Long.valueOf(id).equals(store.extern(ref));
    }

    /** Spec 4.3.3: canonical NaNs have only the top payload bit set; arithmetic ones at least it. */
    private static boolean isNan32(int bits, WastResult.NanKind kind) {
        int payload = bits & 0x007f_ffff;
        boolean nan = (bits & 0x7f80_0000) == 0x7f80_0000 && payload != 0;
        return nan && (kind == WastResult.NanKind.CANONICAL ? payload == 0x0040_0000 : (payload & 0x0040_0000) != 0);
    }

    private static boolean isNan64(long bits, WastResult.NanKind kind) {
        long payload = bits & 0x000f_ffff_ffff_ffffL;
        boolean nan = (bits & 0x7ff0_0000_0000_0000L) == 0x7ff0_0000_0000_0000L && payload != 0;
        return nan
                && (kind == WastResult.NanKind.CANONICAL
                        ? payload == 0x0008_0000_0000_0000L
                        : (payload & 0x0008_0000_0000_0000L) != 0);
    }

    private WastOutcome expectTrap(WastAction action, String message) {
        try {
            act(action);
            return WastOutcome.failed("trap \"" + message + "\"", "a normal return");
        } catch (Trap trap) {
            return trap.getMessage().startsWith(message)
                    ? WastOutcome.passed()
                    : WastOutcome.failed("trap \"" + message + "\"", describe(trap));
        }
    }

    private WastOutcome expectException(WastAction action) {
        try {
            act(action);
            return WastOutcome.failed("an uncaught exception", "a normal return");
        } catch (WasmException e) {
            return WastOutcome.passed();
        }
    }

    private WastOutcome expectExhaustion(WastAction action) {
        try {
            act(action);
            return WastOutcome.failed("call stack exhausted", "a normal return");
        } catch (Trap trap) {
            return trap.kind() == TrapKind.CALL_STACK_EXHAUSTED
                    ? WastOutcome.passed()
                    : WastOutcome.failed("call stack exhausted", describe(trap));
        }
    }

    private WastOutcome expectUnlinkable(ModuleSource source, String message) {
        return expectInstantiationFailure(source, message, LinkException.class, "unlinkable");
    }

    private WastOutcome expectUninstantiable(ModuleSource source, String message) {
        return expectInstantiationFailure(source, message, Trap.class, "a trap while instantiating");
    }

    /** The module must compile, then fail to instantiate with {@code expected} and the spec's message. */
    private WastOutcome expectInstantiationFailure(
            ModuleSource source, String message, Class<? extends JwasmException> expected, String what) {
        WasmModule module;
        try {
            module = compile(source);
        } catch (JwasmException e) {
            return WastOutcome.failed("a valid module", describe(e));
        }
        if (engine == null) {
            return WastOutcome.skipped(NO_EXECUTION);
        }
        String wanted = what + ": \"" + message + "\"";
        try {
            linker.instantiate(store, module);
            return WastOutcome.failed(wanted, "an instance");
        } catch (JwasmException e) {
            return expected.isInstance(e) && e.getMessage().startsWith(message)
                    ? WastOutcome.passed()
                    : WastOutcome.failed(wanted, describe(e));
        }
    }

    private WastOutcome expectMalformed(ModuleSource source, String message) {
        try {
            compile(source);
            return WastOutcome.failed("malformed: \"" + message + "\"", "a valid module");
        } catch (WatException e) {
            // Only text reaches the parser, whose wording is its own: the reference interpreter's
            // text-format messages are not part of the spec.
            return WastOutcome.passed();
        } catch (MalformedModuleException e) {
            // Binary modules must fail for the spec's reason; malformed text that the parser let
            // through but that encodes to malformed bytes is still rejected as malformed.
            boolean binary = source instanceof ModuleSource.Binary;
            return !binary || e.getMessage().startsWith(message)
                    ? WastOutcome.passed()
                    : WastOutcome.failed("malformed: \"" + message + "\"", describe(e));
        } catch (JwasmException e) {
            return WastOutcome.failed("malformed: \"" + message + "\"", describe(e));
        }
    }

    private WastOutcome expectInvalid(ModuleSource source, String message) {
        try {
            compile(source);
            return WastOutcome.failed("invalid: \"" + message + "\"", "a valid module");
        } catch (InvalidModuleException e) {
            return e.getMessage().startsWith(message)
                    ? WastOutcome.passed()
                    : WastOutcome.failed("invalid: \"" + message + "\"", describe(e));
        } catch (JwasmException e) {
            return WastOutcome.failed("invalid: \"" + message + "\"", describe(e));
        }
    }

    private static String describe(JwasmException e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** The host module the spec testsuite imports (the reference interpreter's {@code spectest}). */
    private void defineSpectest() {
        List<ValType> none = List.of();
        for (var params : List.of(
                none,
                List.of(ValType.I32),
                List.of(ValType.I64),
                List.of(ValType.F32),
                List.of(ValType.F64),
                List.of(ValType.I32, ValType.F32),
                List.of(ValType.F64, ValType.F64))) {
            var name = new ArrayList<String>();
            params.forEach(p -> name.add(p.toString()));
            String suffix = name.isEmpty() ? "" : "_" + String.join("_", name);
            linker.define("spectest", "print" + suffix, FuncType.of(params, none), args -> new long[0]);
        }
        linker.define("spectest", "global_i32", Global.create(new GlobalType(ValType.I32, false), 666));
        linker.define("spectest", "global_i64", Global.create(new GlobalType(ValType.I64, false), 666));
        linker.define(
                "spectest",
                "global_f32",
                Global.create(new GlobalType(ValType.F32, false), Float.floatToRawIntBits(666.6f)));
        linker.define(
                "spectest",
                "global_f64",
                Global.create(new GlobalType(ValType.F64, false), Double.doubleToRawLongBits(666.6)));
        linker.define(
                "spectest",
                "table",
                Table.create(new TableType(RefType.FUNCREF, new Limits(10, 20), AddressType.I32), 0));
        linker.define(
                "spectest",
                "table64",
                Table.create(new TableType(RefType.FUNCREF, new Limits(10, 20), AddressType.I64), 0));
        linker.define("spectest", "memory", Memory.create(store, MemoryType.of(1, 2)));
        // The threads proposal's spectest adds a shared memory of the same size.
        var shared = Memory.create(
                store, new MemoryType(new Limits(1, 2), AddressType.I32, true, MemoryType.DEFAULT_PAGE_SIZE_LOG2));
        linker.define("spectest", "shared_memory", shared);
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
