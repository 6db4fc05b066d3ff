package dev.jwasm.internal.runtime;

import dev.jwasm.api.code.InstructionVisitor;
import dev.jwasm.api.model.Expr;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.LocalGroup;
import dev.jwasm.api.model.ModuleInfo;
import dev.jwasm.api.model.SubType;
import dev.jwasm.api.model.TagType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.internal.access.LoweredModule;
import dev.jwasm.internal.binary.InstructionReader;
import dev.jwasm.internal.validate.ModuleContext;
import dev.jwasm.internal.validate.ValidatedBodies;
import dev.jwasm.spi.runtime.ConstExpr;
import dev.jwasm.spi.runtime.FunctionCode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Turns a decoded module into the {@link LoweredModule} the linker instantiates. Function
 * bodies and constant expressions stay in the binary: each is replayed through an
 * {@link InstructionReader} when an executor or the constant evaluator asks for it.
 */
public final class ModuleAdapter {
    private ModuleAdapter() {}

    /**
     * @param ctx the module's validation context: each function's code carries a
     *     {@link dev.jwasm.spi.code.ValidatedBody} that replays its body through the validator in it
     */
    public static LoweredModule adapt(ModuleInfo info, ModuleContext ctx) {
        var types = new ArrayList<FuncType>();
        for (SubType t : info.types()) {
            types.add(t.composite() instanceof FuncType f ? f : null);
        }
        // Imports and exports are the model's own: the decoder's lists serve as they are.
        var imports = info.imports();
        var functions = new ArrayList<LoweredModule.Function>();
        for (int i = 0; i < info.functions().size(); i++) {
            var body = info.code().get(i);
            var locals = new ArrayList<ValType>(body.localCount());
            for (LocalGroup g : body.localGroups()) {
                for (int k = 0; k < g.count(); k++) {
                    locals.add(g.type());
                }
            }
            Consumer<InstructionVisitor> instructions = v -> new InstructionReader(info).readFunctionBody(body, v);
            int typeIndex = info.functions().get(i);
            int funcIndex = ctx.funcTypes().size() - info.functions().size() + i;
            var validated = ValidatedBodies.of(ctx, funcIndex, typeIndex, locals, instructions);
            functions.add(new LoweredModule.Function(typeIndex, new FunctionCode(locals, instructions, validated)));
        }
        var tables = new ArrayList<LoweredModule.Table>();
        for (var t : info.tables()) {
            tables.add(new LoweredModule.Table(t.type(), t.init() == null ? null : expr(info, t.init())));
        }
        var globals = new ArrayList<LoweredModule.Global>();
        for (var g : info.globals()) {
            globals.add(new LoweredModule.Global(g.type(), expr(info, g.init())));
        }
        var exports = info.exports();
        var elements = new ArrayList<LoweredModule.Element>();
        for (var e : info.elements()) {
            List<ConstExpr> items =
                    switch (e.items()) {
                        case dev.jwasm.api.model.ElementSegment.Functions f ->
                            f.indexes().stream().map(ConstExpr::refFunc).toList();
                        case dev.jwasm.api.model.ElementSegment.Expressions x ->
                            x.exprs().stream().map(ex -> expr(info, ex)).toList();
                    };
            elements.add(new LoweredModule.Element(
                    e.mode(), e.type(), e.tableIndex(), e.offset() == null ? null : expr(info, e.offset()), items));
        }
        var datas = new ArrayList<LoweredModule.Data>();
        for (var d : info.datas()) {
            datas.add(new LoweredModule.Data(
                    d.memoryIndex(), d.offset() == null ? null : expr(info, d.offset()), info.data(d)));
        }
        return new LoweredModule(
                types,
                imports,
                functions,
                tables,
                info.memories(),
                globals,
                exports,
                elements,
                datas,
                info.start() < 0 ? OptionalInt.empty() : OptionalInt.of(info.start()),
                info.tags().stream().map(TagType::typeIndex).toList());
    }

    private static ConstExpr expr(ModuleInfo info, Expr e) {
        return new ConstExpr(v -> new InstructionReader(info).readExpression(e.offset(), v));
    }
}
