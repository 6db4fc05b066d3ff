package dev.jwasm.internal.runtime;

import dev.jwasm.api.JwasmException;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.GlobalType;
import dev.jwasm.api.model.HeapType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.spi.GcHeap;
import dev.jwasm.spi.GcRefs;
import dev.jwasm.spi.runtime.CanonicalType;
import dev.jwasm.spi.runtime.ConstExpr;
import dev.jwasm.spi.runtime.GlobalCell;
import dev.jwasm.spi.runtime.InstanceState;

/**
 * Evaluates a constant expression (spec 4.4.13) against a partly built instance: constants,
 * {@code global.get} of globals already initialised, {@code ref.null}, {@code ref.func}, and the
 * extended-constant integer add/sub/mul, and {@code v128.const}. A v128 keeps its high half in a
 * parallel stack. The GC proposal's constants ({@code struct.new*}, {@code array.new},
 * {@code array.new_default}, {@code array.new_fixed}, {@code ref.i31} and the extern/any
 * conversions) allocate in the store's GC heap; the instantiator defers collection meanwhile,
 * since this evaluator's stack is not a root.
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
        switch (op) {
            case REF_I31 -> {
                requireHeight(op, 1);
                stack[height - 1] = GcRefs.i31((int) stack[height - 1]);
                return;
            }
            // The conversions keep the bits (see GcRefs).
            case ANY_CONVERT_EXTERN, EXTERN_CONVERT_ANY -> {
                requireHeight(op, 1);
                return;
            }
            default -> requireHeight(op, 2);
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

    private void requireHeight(Opcode op, int n) {
        if (height < n) {
            throw reject(op);
        }
    }

    @Override
    public void visitType(Opcode op, int typeIndex) {
        CanonicalType type = instance.canonicalTypes[typeIndex];
        GcHeap heap = instance.store.gcHeap();
        switch (op) {
            case STRUCT_NEW -> {
                int n = type.fieldCount();
                requireHeight(op, n);
                long ref = heap.structNew(type, stack, highs, height - n);
                height -= n;
                push(ref);
            }
            case STRUCT_NEW_DEFAULT -> push(heap.structNewDefault(type));
            case STRUCT_NEW_DESC -> {
                int n = type.fieldCount() + 1;
                requireHeight(op, n);
                long desc = stack[height - 1];
                if (desc == 0) {
                    throw new Trap(TrapKind.NULL_DESCRIPTOR_REFERENCE);
                }
                long ref = heap.structNewDesc(type, stack, highs, height - n, desc);
                height -= n;
                push(ref);
            }
            case STRUCT_NEW_DEFAULT_DESC -> {
                requireHeight(op, 1);
                long desc = stack[--height];
                if (desc == 0) {
                    throw new Trap(TrapKind.NULL_DESCRIPTOR_REFERENCE);
                }
                push(heap.structNewDesc(type, new long[type.fieldCount()], null, 0, desc));
            }
            case ARRAY_NEW -> {
                requireHeight(op, 2);
                long length = stack[height - 1] & 0xFFFF_FFFFL;
                long ref = heap.arrayNew(type, length, stack[height - 2], highs[height - 2]);
                height -= 2;
                push(ref);
            }
            case ARRAY_NEW_DEFAULT -> {
                requireHeight(op, 1);
                long length = stack[--height] & 0xFFFF_FFFFL;
                push(heap.arrayNewDefault(type, length));
            }
            default -> throw reject(op);
        }
    }

    @Override
    public void visitArrayNewFixed(int typeIndex, int length) {
        requireHeight(Opcode.ARRAY_NEW_FIXED, length);
        long ref = instance.store
                .gcHeap()
                .arrayNewFixed(instance.canonicalTypes[typeIndex], stack, highs, height - length, length);
        height -= length;
        push(ref);
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
