package dev.jwasm.internal.runtime;

import dev.jwasm.api.JwasmException;
import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.HeapType;
import dev.jwasm.spi.runtime.ConstExpr;
import dev.jwasm.spi.runtime.InstanceState;

/**
 * Evaluates a constant expression (spec 4.4.13) against a partly built instance: constants,
 * {@code global.get} of globals already initialised, {@code ref.null}, {@code ref.func}, and the
 * extended-constant integer add/sub/mul. v128 and GC constants are not supported yet.
 */
final class ConstEvaluator extends RejectingVisitor {
    private final InstanceState instance;
    private final long[] stack = new long[64];
    private int height;
    private boolean ended;

    private ConstEvaluator(InstanceState instance) {
        this.instance = instance;
    }

    static long evaluate(ConstExpr expr, InstanceState instance) {
        var evaluator = new ConstEvaluator(instance);
        expr.instructions().accept(evaluator);
        if (!evaluator.ended || evaluator.height != 1) {
            throw new JwasmException("constant expression must produce exactly one value");
        }
        return evaluator.stack[0];
    }

    @Override
    protected RuntimeException reject(Opcode op) {
        return new JwasmException(op.mnemonic() + " is not supported in constant expressions yet");
    }

    private void push(long value) {
        if (height == stack.length) {
            throw new JwasmException("constant expression too deep");
        }
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
        push(cell.value);
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
