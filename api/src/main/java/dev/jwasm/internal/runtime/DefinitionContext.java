package dev.jwasm.internal.runtime;

import dev.jwasm.api.Features;
import dev.jwasm.api.model.ExternType;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.GlobalType;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.api.model.RecGroup;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.SubType;
import dev.jwasm.api.model.TableType;
import dev.jwasm.api.model.TagType;
import dev.jwasm.internal.access.LoweredModule;
import dev.jwasm.internal.validate.DefinedTypes;
import dev.jwasm.internal.validate.ModuleContext;
import dev.jwasm.internal.validate.ValidatedBodies;
import dev.jwasm.spi.runtime.FunctionCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The validation context of a module built by hand as a {@link LoweredModule} (no binary, so
 * no {@code WasmModule} context): enough for the validator to replay its function bodies for an
 * executor. Each function type stands alone, as {@link Instantiator} treats it; non-function
 * types, which a hand-built definition cannot describe, become empty function types that no
 * valid body uses as one. Every function counts as declared for {@code ref.func}: the definition
 * is trusted to be valid (its contract), the validator here only supplies types. It is typed
 * under the default features, as a definition does not say which it was made for.
 */
final class DefinitionContext {
    private DefinitionContext() {}

    /** {@code module}'s functions, each with a validated stream attached where it had none. */
    static List<FunctionCode> validatedCode(LoweredModule module) {
        ModuleContext ctx = null;
        int imported = (int) module.imports().stream()
                .filter(i -> i.type() instanceof ExternType.Func)
                .count();
        var result = new ArrayList<FunctionCode>(module.functions().size());
        for (int i = 0; i < module.functions().size(); i++) {
            var f = module.functions().get(i);
            var code = f.code();
            if (code.validated() == null) {
                if (ctx == null) {
                    ctx = of(module);
                }
                code = code.withValidated(
                        ValidatedBodies.of(ctx, imported + i, f.typeIndex(), code.locals(), code.instructions()));
            }
            result.add(code);
        }
        return result;
    }

    static ModuleContext of(LoweredModule module) {
        var groups = new ArrayList<RecGroup>(module.types().size());
        for (FuncType t : module.types()) {
            groups.add(new RecGroup(List.of(SubType.of(t == null ? FuncType.of(List.of(), List.of()) : t))));
        }
        var funcTypes = new ArrayList<Integer>();
        var tables = new ArrayList<TableType>();
        var memories = new ArrayList<MemoryType>();
        var globals = new ArrayList<GlobalType>();
        var tags = new ArrayList<TagType>();
        var inexact = new HashSet<Integer>();
        for (var imp : module.imports()) {
            switch (imp.type()) {
                case ExternType.Func f -> {
                    if (!f.exact()) {
                        inexact.add(funcTypes.size());
                    }
                    funcTypes.add(f.typeIndex());
                }
                case TableType t -> tables.add(t);
                case MemoryType m -> memories.add(m);
                case GlobalType g -> globals.add(g);
                case TagType t -> tags.add(new TagType(t.typeIndex()));
            }
        }
        module.functions().forEach(f -> funcTypes.add(f.typeIndex()));
        module.tables().forEach(t -> tables.add(t.type()));
        memories.addAll(module.memories());
        module.globals().forEach(g -> globals.add(g.type()));
        module.tags().forEach(t -> tags.add(new TagType(t)));
        List<RefType> elemTypes =
                module.elements().stream().map(LoweredModule.Element::type).toList();
        var declared = new HashSet<Integer>();
        for (int i = 0; i < funcTypes.size(); i++) {
            declared.add(i);
        }
        return new ModuleContext(
                DefinedTypes.of(groups),
                funcTypes,
                tables,
                memories,
                globals,
                tags,
                elemTypes,
                module.datas().size(),
                declared,
                inexact,
                Features.defaults());
    }
}
