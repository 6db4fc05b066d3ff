package dev.jwasm.exec.interp.internal;

import dev.jwasm.api.code.Opcode;
import dev.jwasm.spi.runtime.WasmFunctionInstance;

/**
 * Prints lowered IR, one instruction per line ({@code pc: NAME operand...}), to see what the
 * lowering makes of hot loops. Setting the system property {@code jwasm.interp.dumpIr} to
 * {@code true} prints every function to standard error when it is lowered; tests call
 * {@link #print(WasmFunctionInstance)} to check which instructions a body lowers to.
 */
public final class IrPrinter {
    /** Whether lowered functions are dumped to standard error. */
    static final boolean DUMP = Boolean.getBoolean("jwasm.interp.dumpIr");

    private IrPrinter() {}

    /** Lowers {@code function} (if not yet) and returns its IR as text. */
    public static String print(WasmFunctionInstance function) {
        return print(Machine.compiled(function).code());
    }

    /**
     * The IR as text, each instruction's operands as its {@link IrOp} layout reads them (an
     * {@code OPCODE} operand as the Wasm mnemonic). An unknown code ends the listing with its raw
     * words.
     */
    static String print(int[] code) {
        var out = new StringBuilder();
        int pc = 0;
        // The instructions end where the handler table starts, which the last word says (Handlers).
        int end = code[code.length - 1];
        while (pc < end) {
            IrOp op = IrOp.of(code[pc]);
            if (op == null) {
                out.append(pc).append(": op").append(code[pc]);
                for (int i = pc + 1; i < end; i++) {
                    out.append(' ').append(code[i]);
                }
                out.append(" (unknown code)\n");
                break;
            }
            out.append(pc).append(": ").append(op.name());
            int at = pc + 1;
            for (IrOp.Operand kind : op.layout()) {
                int words = kind == IrOp.Operand.TARGETS ? op.length(code, pc) - op.fixedLength() : kind.words();
                for (int i = 0; i < words; i++) {
                    out.append(' ');
                    if (kind == IrOp.Operand.OPCODE) {
                        out.append(Opcode.values()[code[at + i]].mnemonic());
                    } else {
                        out.append(code[at + i]);
                    }
                }
                at += words;
            }
            out.append('\n');
            pc = at;
        }
        return out.toString();
    }
}
