package dev.jwasm.spi.runtime;

import dev.jwasm.api.code.InstructionVisitor;
import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.HeapType;
import java.util.function.Consumer;

/**
 * A constant expression (spec 3.3.10) as a replayable instruction stream, ending with {@code end}.
 * The factories build the common one-instruction forms.
 */
public record ConstExpr(Consumer<InstructionVisitor> instructions) {
    public static ConstExpr i32(int value) {
        return new ConstExpr(v -> {
            v.visitI32Const(value);
            v.visitSimple(Opcode.END);
        });
    }

    public static ConstExpr i64(long value) {
        return new ConstExpr(v -> {
            v.visitI64Const(value);
            v.visitSimple(Opcode.END);
        });
    }

    public static ConstExpr globalGet(int index) {
        return new ConstExpr(v -> {
            v.visitGlobal(Opcode.GLOBAL_GET, index);
            v.visitSimple(Opcode.END);
        });
    }

    public static ConstExpr refFunc(int index) {
        return new ConstExpr(v -> {
            v.visitFunction(Opcode.REF_FUNC, index);
            v.visitSimple(Opcode.END);
        });
    }

    public static ConstExpr refNull(HeapType type) {
        return new ConstExpr(v -> {
            v.visitHeapType(Opcode.REF_NULL, type);
            v.visitSimple(Opcode.END);
        });
    }
}
