package dev.jwasm.internal.runtime;

import dev.jwasm.api.JwasmException;
import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.GlobalType;
import dev.jwasm.api.model.HeapType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.spi.runtime.ConstExpr;
import dev.jwasm.spi.runtime.GlobalCell;
import dev.jwasm.spi.runtime.InstanceState;

/**
 * Evaluates a constant expression (spec 4.4.13) against a partly built instance: constants,
 * {@code global.get} of globals already initialised, {@code ref.null}, {@code ref.func}, and the
 * extended-constant integer add/sub/mul, and {@code v128.const}. A v128 keeps its high half in a
 * parallel stack. GC constants are not supported yet.
 */
final class ConstEvaluator extends RejectingVisitor {
    private final InstanceState instance;
    private final long[] stack = new long[64];
    /** High halves of v128 values, by the same index as {@link #stack}; 0 for other types. */
    private final long[] highs = new long[64];

    private int height;
    private boolean ended;

    private ConstEvaluator(InstanceState instance) {
        this.instance = instance;
    }

    static long evaluate(ConstExpr expr, InstanceState instance) {
        return run(expr, instance).stack[0];
    }

    /** A new global holding the value of {@code init}, both halves for a v128. */
    static GlobalCell global(GlobalType type, ValType canonicalType, ConstExpr init, InstanceState instance) {
        var evaluator = run(init, instance);
        var cell = new GlobalCell(type, canonicalType, evaluator.stack[0]);
        cell.high = evaluator.highs[0];
        return cell;
    }

    private static ConstEvaluator run(ConstExpr expr, InstanceState instance) {
        var evaluator = new ConstEvaluator(instance);
        expr.instructions().accept(evaluator);
        if (!evaluator.ended || evaluator.height != 1) {
            throw new JwasmException("constant expression must produce exactly one value");
        }
        return evaluator;
    }

    @Override
    protected RuntimeException reject(Opcode op) {
        return new JwasmException(op.mnemonic() + " is not supported in constant expressions yet");
    }

    private void push(long value) {
        push(value, 0);
    }

    private void push(long value, long high) {
        if (height == stack.length) {
            throw new JwasmException("constant expression too deep");
        }
        highs[height] = high;
        stack[height++] = value;
    }

    @Override
    public void visitSimple(Opcode op) {
        if (op == Opcode.END) {
            ended = true;
            return;
        }
        if (height < 2) {
            throw reject(op);
        }
        long b = stack[--height];
        long a = stack[height - 1];
        stack[height - 1] = switch (op) {
            case I32_ADD -> (int) a + (int) b;
            case I32_SUB -> (int) a - (int) b;
            case I32_MUL -> (int) a * (int) b;
            case I64_ADD -> a + b;
            case I64_SUB -> a - b;
            case I64_MUL -> a * b;
            default -> throw reject(op);
        };
    }

    @Override
    public void visitI32Const(int value) {
        push(value);
    }

    @Override
    public void visitI64Const(long value) {
        push(value);
    }

    @Override
    public void visitF32Const(int bits) {
        push(bits);
    }

    @Override
    public void visitF64Const(long bits) {
        push(bits);
    }

    @Override
    public void visitGlobal(Opcode op, int globalIndex) {
        if (op != Opcode.GLOBAL_GET) {
            throw reject(op);
        }
        var cell = instance.globals[globalIndex];
        if (cell == null) {
            throw new JwasmException("constant expression reads global " + globalIndex + " before it is initialised");
        }
        push(cell.value, cell.high);
    }

    @Override
    public void visitV128Const(long low, long high) {
        push(low, high);
    }

    @Override
    public void visitHeapType(Opcode op, HeapType type) {
        if (op != Opcode.REF_NULL) {
            throw reject(op);
        }
        push(0);
    }

    @Override
    public void visitFunction(Opcode op, int funcIndex) {
        if (op != Opcode.REF_FUNC) {
            throw reject(op);
        }
        push(instance.store.register(instance.functions[funcIndex]));
    }
}
