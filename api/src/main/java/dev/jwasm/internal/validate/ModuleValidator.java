package dev.jwasm.internal.validate;

import dev.jwasm.api.Feature;
import dev.jwasm.api.Features;
import dev.jwasm.api.InvalidModuleException;
import dev.jwasm.api.model.AddressType;
import dev.jwasm.api.model.ElementSegment;
import dev.jwasm.api.model.Export;
import dev.jwasm.api.model.Expr;
import dev.jwasm.api.model.ExternKind;
import dev.jwasm.api.model.ExternType;
import dev.jwasm.api.model.FunctionBody;
import dev.jwasm.api.model.GlobalType;
import dev.jwasm.api.model.Import;
import dev.jwasm.api.model.LocalGroup;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.api.model.ModuleInfo;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.SegmentMode;
import dev.jwasm.api.model.TableType;
import dev.jwasm.api.model.TagType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.internal.binary.InstructionReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;

/**
 * Validates a decoded module (spec 3.5, "Modules"): types, imports, the defined functions,
 * tables, memories, globals and tags, constant expressions, element and data segments, the start
 * function, exports, and finally every function body, which is streamed to a {@link CodeSink}.
 *
 * <p>Every failure is an {@link InvalidModuleException} whose reason is the spec testsuite's
 * wording; inside an expression it carries the instruction's byte offset and, in a body, the
 * function index. Module-level items have no offset in the model, so those report -1.
 */
public final class ModuleValidator {
    /** The most locals (parameters included) a function may have: a resource limit, as other engines use. */
    public static final int MAX_LOCALS = 50_000;

    private static final long MAX_TABLE32 = 0xFFFF_FFFFL;
    private static final long MAX_ADDRESS32 = 0xFFFF_FFFFL;

    private final ModuleInfo module;
    private final Features features;
    private final InstructionReader reader;

    private ModuleValidator(ModuleInfo module, Features features) {
        this.module = module;
        this.features = features;
        this.reader = new InstructionReader(module);
    }

    /** Validates without a downstream; returns the context the executors and the linker need. */
    public static ModuleContext validate(ModuleInfo module) {
        return validate(module, Features.defaults(), CodeSink.NONE);
    }

    /** Validates without a downstream, under {@code features}. */
    public static ModuleContext validate(ModuleInfo module, Features features) {
        return validate(module, features, CodeSink.NONE);
    }

    /**
     * Validates the module and feeds each validated body to {@code sink}.
     *
     * @throws InvalidModuleException at the first rule broken
     */
    public static ModuleContext validate(ModuleInfo module, CodeSink sink) {
        return validate(module, Features.defaults(), sink);
    }

    /**
     * Validates the module under {@code features} and feeds each validated body to {@code sink}.
     *
     * @throws InvalidModuleException at the first rule broken
     */
    public static ModuleContext validate(ModuleInfo module, Features features, CodeSink sink) {
        return new ModuleValidator(module, features).run(sink);
    }

    private ModuleContext run(CodeSink sink) {
        var types = atModuleLevel(() -> DefinedTypes.of(module.recGroups()));
        var funcTypes = new ArrayList<Integer>();
        var tables = new ArrayList<TableType>();
        var memories = new ArrayList<MemoryType>();
        var globals = new ArrayList<GlobalType>();
        var tags = new ArrayList<TagType>();
        var inexactFunctions = new HashSet<Integer>();
        atModuleLevel(() -> {
            for (Import imp : module.imports()) {
                switch (imp.type()) {
                    case ExternType.Func f -> {
                        if (!f.exact()) {
                            inexactFunctions.add(funcTypes.size());
                        }
                        funcTypes.add(functionType(types, f.typeIndex()));
                    }
                    case TableType t -> tables.add(table(types, t));
                    case MemoryType m -> memories.add(memory(m));
                    case GlobalType g -> globals.add(global(types, g));
                    case TagType t -> tags.add(tag(types, t));
                }
            }
            for (int typeIndex : module.functions()) {
                funcTypes.add(functionType(types, typeIndex));
            }
            module.tables().forEach(t -> tables.add(table(types, t.type())));
            module.memories().forEach(m -> memories.add(memory(m)));
            module.globals().forEach(g -> globals.add(global(types, g.type())));
            module.tags().forEach(t -> tags.add(tag(types, t)));
            return null;
        });
        // Before Wasm 2.0 (reference types) one table, before 3.0 (multi-memory) one memory at most,
        // imports included; the reference interpreter's wording.
        if (tables.size() > 1 && !features.has(Feature.MULTI_TABLE)) {
            throw new InvalidModuleException("multiple tables", -1);
        }
        if (memories.size() > 1 && !features.has(Feature.MULTI_MEMORY)) {
            throw new InvalidModuleException("multiple memories", -1);
        }
        int importedGlobals = globals.size() - module.globals().size();
        var elemTypes = atModuleLevel(() -> module.elements().stream()
                .map(e -> (RefType) types.checkDefined(e.type()))
                .toList());
        var constants = new ModuleContext(
                types,
                funcTypes,
                tables,
                memories,
                globals,
                tags,
                elemTypes,
                module.dataCount(),
                Set.of(),
                inexactFunctions,
                features);

        // C.refs: functions referenced outside bodies (spec 3.5, "Modules").
        var refs = new HashSet<Integer>();
        for (int i = 0; i < module.globals().size(); i++) {
            var g = module.globals().get(i);
            // Wasm 3.0: an initializer may read the imported and the earlier defined globals.
            constant(constants, g.init(), g.type().type(), importedGlobals + i, refs);
        }
        for (var t : module.tables()) {
            if (t.init() != null) {
                // Tables precede globals in the module: only imported globals are visible.
                constant(constants, t.init(), t.type().elementType(), importedGlobals, refs);
            } else if (!t.type().elementType().nullable()) {
                throw new InvalidModuleException(
                        "type mismatch: a table of " + t.type().elementType() + " needs an initializer", -1);
            }
        }
        for (var segment : module.elements()) {
            element(constants, segment, globals.size(), refs);
        }
        for (var segment : module.datas()) {
            if (segment.mode() == SegmentMode.ACTIVE) {
                var memory = atModuleLevel(() -> constants.memory(segment.memoryIndex()));
                constant(constants, segment.offset(), address(memory.addressType()), globals.size(), refs);
            }
        }
        if (module.start() >= 0) {
            var start = atModuleLevel(() -> constants.function(module.start()));
            if (!start.params().isEmpty() || !start.results().isEmpty()) {
                throw new InvalidModuleException("start function must have type [] -> []", -1);
            }
        }
        exports(constants, refs);

        var ctx = constants.withDeclaredFuncRefs(refs);
        bodies(ctx, sink);
        BranchHints.check(module, funcTypes.size() - module.functions().size());
        return ctx;
    }

    private void element(ModuleContext ctx, ElementSegment segment, int visibleGlobals, Set<Integer> refs) {
        switch (segment.items()) {
            case ElementSegment.Functions f -> {
                for (int index : f.indexes()) {
                    var type = atModuleLevel(() -> ctx.functionReference(index));
                    if (!ctx.types().matches(type, segment.type())) {
                        throw new InvalidModuleException(
                                "type mismatch: element " + type + " in a segment of " + segment.type(), -1);
                    }
                    refs.add(index);
                }
            }
            case ElementSegment.Expressions e -> {
                for (Expr item : e.exprs()) {
                    constant(ctx, item, segment.type(), visibleGlobals, refs);
                }
            }
        }
        if (segment.mode() == SegmentMode.ACTIVE) {
            var table = atModuleLevel(() -> ctx.table(segment.tableIndex()));
            if (!ctx.types().matches(segment.type(), table.elementType())) {
                throw new InvalidModuleException(
                        "type mismatch: segment of " + segment.type() + " for a table of " + table.elementType(), -1);
            }
            constant(ctx, segment.offset(), address(table.addressType()), visibleGlobals, refs);
        }
    }

    /** Export names are unique and every export names an existing item (spec 3.5.x, "Exports"). */
    private void exports(ModuleContext ctx, Set<Integer> refs) {
        var names = new HashSet<String>();
        for (Export export : module.exports()) {
            if (!names.add(export.name())) {
                throw new InvalidModuleException("duplicate export name", -1);
            }
            atModuleLevel(() -> switch (export.kind()) {
                case FUNC -> ctx.function(export.index());
                case TABLE -> ctx.table(export.index());
                case MEMORY -> ctx.memory(export.index());
                case GLOBAL -> ctx.global(export.index());
                case TAG -> ctx.tag(export.index());
            });
            if (export.kind() == ExternKind.FUNC) {
                refs.add(export.index());
            }
        }
    }

    private void bodies(ModuleContext ctx, CodeSink sink) {
        int imported = ctx.funcTypes().size() - module.functions().size();
        if (module.code().size() != module.functions().size()) {
            throw new InvalidModuleException("function and code section have inconsistent lengths", -1);
        }
        for (int i = 0; i < module.code().size(); i++) {
            int funcIndex = imported + i;
            FunctionBody body = module.code().get(i);
            int typeIndex = module.functions().get(i);
            var params = ctx.types().funcType(typeIndex).params().size();
            if ((long) params + body.localCount() > MAX_LOCALS) {
                throw new InvalidModuleException("too many locals", body.codeOffset(), funcIndex);
            }
            var locals = new ArrayList<ValType>(body.localCount());
            for (LocalGroup group : body.localGroups()) {
                for (int k = 0; k < group.count(); k++) {
                    locals.add(group.type());
                }
            }
            FunctionValidator validator;
            try {
                validator = FunctionValidator.chained(ctx, typeIndex, locals, state -> sink.function(funcIndex, state));
            } catch (ValidationFailure e) {
                throw new InvalidModuleException(e.getMessage(), body.codeOffset(), funcIndex);
            }
            try {
                reader.readFunctionBody(body, validator);
            } catch (ValidationFailure e) {
                throw new InvalidModuleException(e.getMessage(), validator.offset(), funcIndex);
            }
        }
    }

    private void constant(ModuleContext ctx, Expr expr, ValType type, int visibleGlobals, Set<Integer> refs) {
        var validator = new ConstantExpressionValidator(ctx, type, visibleGlobals, refs);
        try {
            reader.readExpression(expr.offset(), validator);
        } catch (ValidationFailure e) {
            throw new InvalidModuleException(e.getMessage(), validator.offset());
        }
    }

    private static int functionType(DefinedTypes types, int typeIndex) {
        types.funcType(typeIndex);
        return typeIndex;
    }

    /** Spec 3.2.x: table limits within the address range, element type defined. */
    private static TableType table(DefinedTypes types, TableType table) {
        types.checkDefined(table.elementType());
        var limits = table.limits();
        if (limits.hasMax() && limits.max() < limits.min()) {
            throw new ValidationFailure("size minimum must not be greater than maximum");
        }
        if (table.addressType() == AddressType.I32
                && (limits.min() > MAX_TABLE32 || (limits.hasMax() && limits.max() > MAX_TABLE32))) {
            throw new ValidationFailure("table size must be at most 2^32-1");
        }
        return table;
    }

    /**
     * Spec 3.2.x: memory limits within the address range in pages; shared memories need a maximum.
     * Custom-page-sizes proposal: the page size is 1 or 65536 bytes, and a page count is also at
     * most the largest address (2^32-1 for i32, 2^64-1 for i64), which binds for 1-byte pages.
     */
    private static MemoryType memory(MemoryType memory) {
        int pageBits = memory.pageSizeLog2();
        if (pageBits != 0 && pageBits != MemoryType.DEFAULT_PAGE_SIZE_LOG2) {
            throw new ValidationFailure("invalid custom page size");
        }
        var limits = memory.limits();
        if (limits.hasMax() && limits.max() < limits.min()) {
            throw new ValidationFailure("size minimum must not be greater than maximum");
        }
        long maxPages;
        if (memory.addressType() == AddressType.I32) {
            maxPages = Math.min(1L << (32 - pageBits), MAX_ADDRESS32);
        } else {
            // 2^48 pages of 64 KiB; with 1-byte pages every u64 fits, and Limits saturates at 2^63-1.
            maxPages = pageBits == 0 ? Long.MAX_VALUE : 1L << (64 - pageBits);
        }
        if (limits.min() > maxPages || (limits.hasMax() && limits.max() > maxPages)) {
            throw new ValidationFailure(
                    memory.addressType() == AddressType.I32 && pageBits == MemoryType.DEFAULT_PAGE_SIZE_LOG2
                            ? "memory size must be at most 65536 pages (4GiB)"
                            : "memory size must be at most " + maxPages + " pages");
        }
        if (memory.shared() && !limits.hasMax()) {
            throw new ValidationFailure("shared memory must have maximum");
        }
        return memory;
    }

    private static GlobalType global(DefinedTypes types, GlobalType global) {
        types.checkDefined(global.type());
        return global;
    }

    /** Exception handling: a tag's type is a function type without results. */
    private static TagType tag(DefinedTypes types, TagType tag) {
        if (!types.funcType(tag.typeIndex()).results().isEmpty()) {
            throw new ValidationFailure("non-empty tag result type");
        }
        return tag;
    }

    private static ValType address(AddressType type) {
        return type == AddressType.I64 ? ValType.I64 : ValType.I32;
    }

    private interface Check<R> {
        R run();
    }

    private static <R> R atModuleLevel(Check<R> check) {
        try {
            return check.run();
        } catch (ValidationFailure e) {
            throw new InvalidModuleException(e.getMessage(), -1);
        }
    }
}
