package dev.jwasm.it.fuzz;

import dev.jwasm.api.Global;
import dev.jwasm.api.HostFunction;
import dev.jwasm.api.Instance;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.Table;
import dev.jwasm.api.Tag;
import dev.jwasm.api.WasmException;
import dev.jwasm.api.WasmModule;
import dev.jwasm.api.model.ExternKind;
import dev.jwasm.api.model.ExternType;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.GlobalType;
import dev.jwasm.api.model.HeapType;
import dev.jwasm.api.model.NumType;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.TagType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.api.model.VecType;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.spi.GcRefs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The {@code fuzzing-support} imports that binaryen's translate-to-fuzz modules call, implemented
 * as binaryen's own fuzz-exec harness does ({@code LoggingExternalInterface} in
 * src/tools/execution-results.h), which in turn mimics its JS harness: a {@code log-*} call records
 * its arguments (an i64 as two i32s, low first), {@code throw} raises a JS error or a Wasm
 * exception, {@code call-export}/{@code call-ref} call back into the module with zero arguments the
 * way JS would (throwing a JS error for an i64 or v128 parameter), the table imports read and write
 * the table exported as "table", and {@code sleep} returns its id.
 */
final class FuzzingSupport {
    /** The JS error binaryen's harness throws: an externref with this payload. */
    enum JsError {
        INSTANCE
    }

    /** An imported externref global binaryen synthesises, identified by a payload number. */
    record ExternPayload(int payload) {}

    /** The module imports something this harness does not provide. */
    static final class UnsupportedImport extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnsupportedImport(String what) {
            super(what);
        }
    }

    private final Store store;
    private final WasmModule module;
    private final List<FuzzEvent<FuzzValue>> events;
    private final Tag wasmTag = Tag.create(FuncType.of(List.of(ValType.I32), List.of()));
    private final Tag jsTag = Tag.create(FuncType.of(List.of(RefType.EXTERNREF), List.of()));
    private final long jsErrorRef;
    private Instance instance;

    FuzzingSupport(Store store, WasmModule module, List<FuzzEvent<FuzzValue>> events) {
        this.store = store;
        this.module = module;
        this.events = events;
        this.jsErrorRef = store.externRef(JsError.INSTANCE);
    }

    /** After instantiation (start function done): exports exist from now on. */
    void started(Instance instance) {
        this.instance = instance;
    }

    String tagName(Tag tag) {
        return tag.equals(wasmTag)
                ? "imported-wasm-tag"
                : tag.equals(jsTag) ? "imported-js-tag" : FuzzExecParser.OTHER_TAG;
    }

    Linker linker() {
        var linker = new Linker();
        for (var im : module.imports()) {
            switch (im.type()) {
                case ExternType.Func f
                when im.module().equals("fuzzing-support") ->
                    linker.define(
                            im.module(),
                            im.name(),
                            funcType(f.typeIndex()),
                            hostFunction(im.name(), funcType(f.typeIndex())));
                case TagType t
                when im.module().equals("fuzzing-support") && im.name().equals("wasmtag") ->
                    linker.define(im.module(), im.name(), wasmTag);
                case TagType t
                when im.module().equals("fuzzing-support") && im.name().equals("jstag") ->
                    linker.define(im.module(), im.name(), jsTag);
                case GlobalType g
                when !g.mutable() && g.type() instanceof RefType r && r.heap() == HeapType.Abstract.EXTERN ->
                    linker.define(
                            im.module(),
                            im.name(),
                            Global.create(g, store.externRef(new ExternPayload(payload(im.module(), im.name())))));
                default -> throw new UnsupportedImport(im.module() + "." + im.name() + ": " + im.type());
            }
        }
        return linker;
    }

    /** binaryen's FuzzerImportResolver: the sum of the names' characters, modulo 251. */
    private static int payload(String module, String name) {
        int payload = 0;
        for (var part : List.of(module, name)) {
            for (byte c : part.getBytes(StandardCharsets.UTF_8)) {
                payload = (payload + (c & 0xFF)) % 251;
            }
        }
        return payload;
    }

    FuncType funcType(int typeIndex) {
        return (FuncType) module.info().types().get(typeIndex).composite();
    }

    private HostFunction hostFunction(String name, FuncType type) {
        if (name.startsWith("log-")) {
            return (caller, args) -> {
                var values = new ArrayList<FuzzValue>();
                int at = 0;
                for (var param : type.params()) {
                    if (param == NumType.I64) {
                        values.add(new FuzzValue.I32((int) args[at]));
                        values.add(new FuzzValue.I32((int) (args[at] >>> 32)));
                    } else {
                        values.add(value(param, args[at], param == ValType.V128 ? args[at + 1] : 0));
                    }
                    at += param == ValType.V128 ? 2 : 1;
                }
                events.add(new FuzzEvent.Logged<>(values));
                return new long[0];
            };
        }
        return switch (name) {
            case "throw" ->
                (caller, args) -> {
                    if ((int) args[0] == 0) {
                        throw jsError();
                    }
                    throw new WasmException(wasmTag, (int) args[0]);
                };
            case "call-export" ->
                (caller, args) -> {
                    callExport((int) args[0]);
                    return new long[0];
                };
            case "call-export-catch" -> (caller, args) -> new long[] {catching(() -> callExport((int) args[0]))};
            case "call-ref" ->
                (caller, args) -> {
                    callRef(args[0]);
                    return new long[0];
                };
            case "call-ref-catch" -> (caller, args) -> new long[] {catching(() -> callRef(args[0]))};
            case "table-get" ->
                (caller, args) -> new long[] {table((int) args[0]).get(args[0] & 0xFFFFFFFFL)};
            case "table-set" ->
                (caller, args) -> {
                    table((int) args[0]).set(args[0] & 0xFFFFFFFFL, args[1]);
                    return new long[0];
                };
            case "sleep" -> (caller, args) -> new long[] {args[1]};
            default -> throw new UnsupportedImport("fuzzing-support." + name);
        };
    }

    private static long catching(Runnable call) {
        try {
            call.run();
            return 0;
        } catch (WasmException e) {
            return 1;
        }
    }

    private WasmException jsError() {
        return new WasmException(jsTag, jsErrorRef);
    }

    private Table table(int index) {
        if (instance == null || !instance.exportNames().contains("table")) {
            throw jsError();
        }
        var table = instance.table("table");
        if (Integer.toUnsignedLong(index) >= table.size()) {
            throw jsError();
        }
        return table;
    }

    private void callExport(int index) {
        var exports = module.exports();
        if (instance == null || Integer.toUnsignedLong(index) >= exports.size()) {
            throw jsError();
        }
        var export = exports.get(index);
        if (export.kind() != ExternKind.FUNC) {
            throw jsError();
        }
        var function = instance.function(export.name());
        callAsJs(function.type(), function::call);
    }

    private void callRef(long ref) {
        if (ref == 0) {
            throw jsError();
        }
        var function = Internals.function(store, Internals.state(store).function(ref));
        callAsJs(function.type(), function::call);
    }

    /** As JS calls a Wasm function: zero arguments, and a JS error for types JS cannot pass. */
    private void callAsJs(FuncType type, Function<long[], long[]> call) {
        for (var param : type.params()) {
            if (param == NumType.I64 || trapsOnJsBoundary(param) || !param.isDefaultable()) {
                throw jsError();
            }
        }
        for (var result : type.results()) {
            if (trapsOnJsBoundary(result)) {
                throw jsError();
            }
        }
        call.apply(new long[type.flatParamCount()]);
    }

    private static boolean trapsOnJsBoundary(ValType type) {
        return type == ValType.V128
                || (type instanceof RefType r
                        && (r.heap() == HeapType.Abstract.EXN || r.heap() == HeapType.Abstract.NOEXN));
    }

    /** A value of the given type as jwasm represents it, typed for comparison. */
    FuzzValue value(ValType type, long bits, long high) {
        return switch (type) {
            case NumType n ->
                switch (n) {
                    case I32 -> new FuzzValue.I32((int) bits);
                    case I64 -> new FuzzValue.I64(bits);
                    case F32 -> new FuzzValue.F32((int) bits);
                    case F64 -> new FuzzValue.F64(bits);
                };
            case VecType v -> new FuzzValue.V128(bits, high);
            case RefType r -> new FuzzValue.Ref(refText(r, bits));
        };
    }

    /** binaryen's printValue: what JS can observe of a reference. */
    private String refText(RefType type, long bits) {
        if (bits == 0) {
            return "null";
        }
        if (GcRefs.isI31(bits)) {
            return "i31ref(" + GcRefs.i31Signed(bits) + ")";
        }
        return switch (type.heap()) {
            case HeapType.Abstract a when a == HeapType.Abstract.FUNC || a == HeapType.Abstract.NOFUNC -> "function";
            case HeapType.Abstract a
            when a == HeapType.Abstract.EXTERN || a == HeapType.Abstract.NOEXTERN -> externText(bits);
            case HeapType.Concrete c
            when c.typeIndex() < module.info().types().size()
                    && module.info().types().get(c.typeIndex()).composite() instanceof FuncType -> "function";
            default -> "object(null)";
        };
    }

    private String externText(long bits) {
        return switch (store.extern(bits)) {
            case JsError e -> "jserror";
            case ExternPayload p -> "externref(" + p.payload() + ")";
            case Object other -> "host object " + other;
        };
    }
}
