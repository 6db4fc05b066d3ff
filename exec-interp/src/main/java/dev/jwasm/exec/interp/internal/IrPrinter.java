package dev.jwasm.exec.interp.internal;

import dev.jwasm.spi.runtime.WasmFunctionInstance;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

/**
 * Prints lowered IR, one instruction per line ({@code pc: NAME operand...}), to see what the
 * lowering makes of hot loops. Setting the system property {@code jwasm.interp.dumpIr} to
 * {@code true} prints every function to standard error when it is lowered; tests call
 * {@link #print(WasmFunctionInstance)} to check which instructions a body lowers to.
 */
public final class IrPrinter {
    /** Whether lowered functions are dumped to standard error. */
    static final boolean DUMP = Boolean.getBoolean("jwasm.interp.dumpIr");

    private static final Map<Integer, String> NAMES = names();

    private IrPrinter() {}

    private static Map<Integer, String> names() {
        var names = new HashMap<Integer, String>();
        for (var field : Ir.class.getDeclaredFields()) {
            if (field.getType() == int.class && Modifier.isStatic(field.getModifiers())) {
                try {
                    names.put(field.getInt(null), field.getName());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return names;
    }

    /** Lowers {@code function} (if not yet) and returns its IR as text. */
    public static String print(WasmFunctionInstance function) {
        return print(Machine.compiled(function).code());
    }

    /**
     * The IR as text. An instruction whose length is not known here (a code added without a
     * length in {@link Ir#length}) ends the listing with its raw words.
     */
    static String print(int[] code) {
        var out = new StringBuilder();
        int pc = 0;
        // The instructions end where the handler table starts, which the last word says (Handlers).
        int end = code[code.length - 1];
        while (pc < end) {
            int op = code[pc];
            int length = Ir.length(code, pc);
            out.append(pc).append(": ").append(NAMES.getOrDefault(op, "op" + op));
            if (length <= 0) {
                for (int i = pc + 1; i < end; i++) {
                    out.append(' ').append(code[i]);
                }
                out.append(" (length unknown)\n");
                break;
            }
            for (int i = 1; i < length; i++) {
                out.append(' ').append(code[pc + i]);
            }
            out.append('\n');
            pc += length;
        }
        return out.toString();
    }
}
