package dev.jwasm.spi.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwasm.api.InvalidModuleException;
import dev.jwasm.api.WasmModule;
import dev.jwasm.api.code.InstructionVisitor;
import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.ValType;
import dev.jwasm.internal.runtime.ModuleAdapter;
import dev.jwasm.internal.validate.ModuleValidator;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The validator's per-instruction state as an executor's lowering visitor sees it. */
class ValidatedBodyTest {
    /*
     * (module (func (param i32) (result i32) (local i64)
     *   block (result i32) local.get 0 local.get 0 br_if 0 end
     *   f64.const 1 drop
     *   loop i32.const 0 br_if 0 end))
     */
    private static final byte[] MODULE = bytes(
            0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60, 0x01, 0x7F, 0x01,
            0x7F, // type 0: [i32] -> [i32]
            0x03, 0x02, 0x01, 0x00, // func 0: type 0
            0x0A, 0x20, 0x01, 0x1E, // code: one body of 30 bytes
            0x01, 0x01, 0x7E, // (local i64)
            0x02, 0x7F, 0x20, 0x00, 0x20, 0x00, 0x0D, 0x00, 0x0B, 0x44, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0x3F,
            0x1A, 0x03, 0x40, 0x41, 0x00, 0x0D, 0x00, 0x0B, 0x0B);

    private static byte[] bytes(int... values) {
        var out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    /** One line per instruction: what it was, then the state the validator reported for it. */
    private static List<String> record(ValidatedBody body) {
        var lines = new ArrayList<String>();
        Function<ValidatedState, InstructionVisitor> downstream = state -> (InstructionVisitor) Proxy.newProxyInstance(
                InstructionVisitor.class.getClassLoader(), new Class<?>[] {InstructionVisitor.class}, (p, m, args) -> {
                    if (m.getName().equals("visitOffset")) {
                        return null;
                    }
                    var what = args[0] instanceof Opcode op ? op.toString() : m.getName();
                    var top = state.stackHeight() == 0 ? "-" : String.valueOf(state.operandType(0));
                    var block = state.blockType() == null ? "" : " block=" + state.blockType();
                    var target = state.branchTarget() == null ? "" : " target=" + state.branchTarget();
                    lines.add(what + " " + state.stackHeightBefore() + "->" + state.stackHeight() + " top=" + top
                            + " depth=" + state.controlDepth() + block + target);
                    return null;
                });
        body.lower(downstream);
        return lines;
    }

    private static ValidatedBody body(byte[] binary) {
        var info = WasmModule.decode(binary).info();
        var ctx = ModuleValidator.validate(info);
        return ModuleAdapter.adapt(info, ctx).functions().getFirst().code().validated();
    }

    @Test
    void reportsHeightsTypesBlockTypesAndBranchTargets() {
        var i32 = List.of(ValType.I32);
        var blockI32 = "[] -> [i32]";
        assertEquals(blockI32, dev.jwasm.api.model.FuncType.of(List.of(), i32).toString());
        assertEquals(
                List.of(
                        "block 0->0 top=- depth=2 block=" + blockI32,
                        "local.get 0->1 top=i32 depth=2",
                        "local.get 1->2 top=i32 depth=2",
                        "br_if 2->1 top=i32 depth=2 target=" + new Label(i32, 0, false),
                        "end 1->1 top=i32 depth=1 block=" + blockI32,
                        "visitF64Const 1->2 top=f64 depth=1",
                        "drop 2->1 top=i32 depth=1",
                        "loop 1->1 top=i32 depth=2 block=[] -> []",
                        "visitI32Const 1->2 top=i32 depth=2",
                        "br_if 2->1 top=i32 depth=2 target=" + new Label(List.of(), 1, true),
                        "end 1->1 top=i32 depth=1 block=[] -> []",
                        // The function's own end closes its frame, [] -> [i32], and leaves nothing.
                        "end 1->0 top=- depth=0 block=" + blockI32),
                record(body(MODULE)));
    }

    @Test
    void answersLocalTypesAndOuterLabels() {
        var seen = new ArrayList<String>();
        body(MODULE).lower(state -> (InstructionVisitor) Proxy.newProxyInstance(
                InstructionVisitor.class.getClassLoader(), new Class<?>[] {InstructionVisitor.class}, (p, m, args) -> {
                    if (m.getName().equals("visitI32Const")) {
                        // Inside the loop: the loop (depth 0) carries no values, the function
                        // (depth 1) its result; locals are the parameter, then the declared i64.
                        seen.add(state.localCount() + " " + state.localType(0) + " " + state.localType(1));
                        seen.add(state.label(0) + " " + state.label(1));
                    }
                    return null;
                }));
        assertEquals(
                List.of("2 i32 i64", new Label(List.of(), 1, true) + " " + new Label(List.of(ValType.I32), 0, false)),
                seen);
    }

    @Test
    void labelCopiesItsTypes() {
        var types = new ArrayList<>(List.of(ValType.I32));
        var label = new Label(types, 3, false);
        types.add(ValType.I64);
        assertEquals(List.of(ValType.I32), label.types());
        assertThrows(UnsupportedOperationException.class, () -> label.types().add(ValType.F32));
    }

    @Test
    void anInvalidBodyInAHandBuiltStreamIsAnInvalidModule() {
        // The same module, but the stream replays an i64 where the block needs its i32 result.
        var info = WasmModule.decode(MODULE).info();
        var ctx = ModuleValidator.validate(info);
        var code = ModuleAdapter.adapt(info, ctx).functions().getFirst().code();
        ValidatedBody bad = dev.jwasm.internal.validate.ValidatedBodies.of(ctx, 0, 0, code.locals(), v -> {
            v.visitI64Const(1);
            v.visitSimple(Opcode.END);
        });
        var e = assertThrows(InvalidModuleException.class, () -> bad.lower(state -> null));
        assertEquals("type mismatch", e.getMessage().replaceAll(":.*", ""));
    }
}
