package dev.jwasm.internal.binary;

import dev.jwasm.api.Feature;
import dev.jwasm.api.Features;
import dev.jwasm.api.MalformedModuleException;
import dev.jwasm.api.code.BlockType;
import dev.jwasm.api.code.Catch;
import dev.jwasm.api.code.InstructionVisitor;
import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.FunctionBody;
import dev.jwasm.api.model.ModuleInfo;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.ValType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes the instructions of one expression (a function body or a constant expression, spec
 * 5.4) and reports each to an {@link InstructionVisitor}, immediates decoded.
 *
 * <p>It checks what the binary grammar requires and nothing more: known opcodes, well-formed
 * immediates, and block structure ({@code else} only in an {@code if}, legacy {@code catch} and
 * {@code delegate} only in a {@code try}, every block closed, the expression ending with the
 * {@code end} that closes it). Types and indexes are the validator's to check. The reader keeps
 * its own block stack, so deep nesting cannot overflow the JVM stack; nesting deeper than
 * {@link #MAX_NESTING} is rejected.
 *
 * <p>A reader keeps state between calls (its position and block stack): use one per thread.
 */
public final class InstructionReader {
    /** The deepest block nesting accepted, a resource limit against hostile input. */
    public static final int MAX_NESTING = 100_000;

    // Block kinds on the structure stack.
    private static final byte OUTERMOST = 0;
    private static final byte BLOCK = 1;
    private static final byte IF = 2;
    private static final byte ELSE = 3;
    private static final byte TRY = 4;
    private static final byte TRY_CATCH = 5;
    private static final byte TRY_CATCH_ALL = 6;

    private final ByteReader in;
    private final TypeDecoder types;
    private final boolean atomics;
    private final boolean wideArithmetic;
    private final boolean customDescriptors;
    private byte[] stack = new byte[16];

    /**
     * A reader over a decoded module's binary. Decoding already rejected what its features
     * disable, so replaying accepts every feature.
     */
    public InstructionReader(ModuleInfo module) {
        this(module.bytes(), Features.all());
    }

    InstructionReader(ByteBuffer bytes, Features features) {
        this(new ByteReader(bytes, 0, bytes.limit()), features);
    }

    InstructionReader(ByteReader in, Features features) {
        this.in = in;
        this.types = new TypeDecoder(in, features);
        this.atomics = features.has(Feature.THREADS);
        this.wideArithmetic = features.has(Feature.WIDE_ARITHMETIC);
        this.customDescriptors = features.has(Feature.CUSTOM_DESCRIPTORS);
    }

    /**
     * Reads a function body's instructions, then checks that they end exactly where the body's
     * size said.
     */
    public void readFunctionBody(FunctionBody body, InstructionVisitor visitor) {
        int end = readExpression(body.codeOffset(), visitor);
        if (end != body.end()) {
            throw ByteReader.errorAt("section size mismatch", end);
        }
    }

    /**
     * Reads one expression starting at {@code offset}, through the {@code end} that closes it.
     *
     * @return the offset just after that {@code end}
     * @throws MalformedModuleException if the bytes are not a well-formed expression
     */
    public int readExpression(int offset, InstructionVisitor visitor) {
        in.position(offset);
        int depth = 0;
        stack[0] = OUTERMOST;
        while (true) {
            int start = in.position();
            visitor.visitOffset(start);
            Opcode op = opcode();
            switch (op) {
                case BLOCK, LOOP, IF, TRY, TRY_TABLE -> {
                    if (depth + 1 >= MAX_NESTING) {
                        throw ByteReader.errorAt("nesting too deep", start);
                    }
                    if (depth + 1 == stack.length) {
                        stack = Arrays.copyOf(stack, Math.min(stack.length * 2, MAX_NESTING));
                    }
                    stack[++depth] = switch (op) {
                        case IF -> IF;
                        case TRY -> TRY;
                        default -> BLOCK;
                    };
                }
                case ELSE -> requireThen(stack[depth] == IF, depth, ELSE, start);
                case CATCH -> requireThen(stack[depth] == TRY || stack[depth] == TRY_CATCH, depth, TRY_CATCH, start);
                case CATCH_ALL ->
                    requireThen(stack[depth] == TRY || stack[depth] == TRY_CATCH, depth, TRY_CATCH_ALL, start);
                case DELEGATE -> {
                    requireThen(stack[depth] == TRY, depth, TRY, start);
                    depth--;
                }
                case END -> depth--;
                default -> {}
            }
            immediates(op, visitor);
            if (depth < 0) {
                return in.position();
            }
        }
    }

    // The binary grammar (spec 5.4.1) only allows these in their block; elsewhere the enclosing
    // block's end is what must come next, which is how the reference interpreter words it.
    private void requireThen(boolean allowed, int depth, byte newKind, int start) {
        if (!allowed) {
            throw ByteReader.errorAt("END opcode expected", start);
        }
        stack[depth] = newKind;
    }

    private Opcode opcode() {
        int start = in.position();
        int b = in.u8();
        Opcode op;
        if (Opcode.isPrefix(b)) {
            long code = Integer.toUnsignedLong(in.u32());
            op = Opcode.forCode(b, code);
            if (op == null || !enabled(op)) {
                throw ByteReader.errorAt(String.format("illegal opcode %02x %02x", b, code), start);
            }
        } else {
            op = Opcode.forCode(0, b);
            if (op == null) {
                throw ByteReader.errorAt(String.format("illegal opcode %02x", b), start);
            }
        }
        return op;
    }

    /** Operators of a disabled proposal are unknown encodings, as in a runtime without it. */
    private boolean enabled(Opcode op) {
        if (op.isAtomic()) {
            return atomics;
        }
        return switch (op) {
            case I64_ADD128, I64_SUB128, I64_MUL_WIDE_S, I64_MUL_WIDE_U -> wideArithmetic;
            case STRUCT_NEW_DESC,
                    STRUCT_NEW_DEFAULT_DESC,
                    REF_GET_DESC,
                    REF_CAST_DESC_EQ,
                    REF_CAST_DESC_EQ_NULL,
                    BR_ON_CAST_DESC_EQ,
                    BR_ON_CAST_DESC_EQ_FAIL -> customDescriptors;
            default -> true;
        };
    }

    private void immediates(Opcode op, InstructionVisitor v) {
        switch (op.immediates()) {
            case NONE -> v.visitSimple(op);
            case ATOMIC_FENCE -> {
                int start = in.position();
                if (in.u8() != 0) {
                    throw ByteReader.errorAt("zero byte expected", start);
                }
                v.visitSimple(op);
            }
            case BLOCK_TYPE -> v.visitBlock(op, types.blockType());
            case TRY_TABLE -> {
                BlockType type = types.blockType();
                int n = in.count();
                var catches = new ArrayList<Catch>(ByteReader.initialCapacity(n));
                for (int i = 0; i < n; i++) {
                    catches.add(catchClause());
                }
                v.visitTryTable(type, List.copyOf(catches));
            }
            case LABEL -> v.visitLabel(op, in.index());
            case LABEL_TABLE -> {
                int n = in.count();
                var depths = new int[n];
                for (int i = 0; i < n; i++) {
                    depths[i] = in.index();
                }
                v.visitBrTable(depths, in.index());
            }
            case FUNC -> v.visitFunction(op, in.index());
            case CALL_INDIRECT -> {
                int type = in.index();
                v.visitCallIndirect(op, type, in.index());
            }
            case TYPE -> v.visitType(op, in.index());
            case TAG -> v.visitTag(op, in.index());
            case LOCAL -> v.visitLocal(op, in.index());
            case GLOBAL -> v.visitGlobal(op, in.index());
            case TABLE -> v.visitTable(op, in.index());
            case TABLE_TABLE -> {
                int dst = in.index();
                v.visitTableCopy(dst, in.index());
            }
            case TABLE_INIT -> {
                int elem = in.index();
                v.visitTableInit(elem, in.index());
            }
            case ELEM -> v.visitElem(op, in.index());
            case MEMORY -> v.visitMemoryIndex(op, in.index());
            case MEMORY_MEMORY -> {
                int dst = in.index();
                v.visitMemoryCopy(dst, in.index());
            }
            case MEMORY_INIT -> {
                int data = in.index();
                v.visitMemoryInit(data, in.index());
            }
            case DATA -> v.visitData(op, in.index());
            case MEMARG -> memarg(op, v, false);
            case MEMARG_LANE -> memarg(op, v, true);
            case LANE -> v.visitLane(op, in.u8());
            case SHUFFLE -> {
                var lanes = new byte[16];
                in.readFully(lanes);
                v.visitShuffle(lanes);
            }
            case I32 -> v.visitI32Const(in.s32());
            case I64 -> v.visitI64Const(in.s64());
            case F32 -> v.visitF32Const(in.f32Bits());
            case F64 -> v.visitF64Const(in.f64Bits());
            case V128 -> {
                long low = in.f64Bits();
                v.visitV128Const(low, in.f64Bits());
            }
            case HEAP_TYPE -> v.visitHeapType(op, types.heapType());
            case REF_TYPE -> {
                boolean nullable =
                        op == Opcode.REF_TEST_NULL || op == Opcode.REF_CAST_NULL || op == Opcode.REF_CAST_DESC_EQ_NULL;
                v.visitRefType(op, new RefType(nullable, types.heapType()));
            }
            case SELECT_TYPES -> {
                int n = in.count();
                var list = new ArrayList<ValType>(ByteReader.initialCapacity(n));
                for (int i = 0; i < n; i++) {
                    list.add(types.valType());
                }
                v.visitSelect(List.copyOf(list));
            }
            case TYPE_FIELD -> {
                int type = in.index();
                v.visitField(op, type, in.index());
            }
            case TYPE_TYPE -> {
                int dst = in.index();
                v.visitArrayCopy(dst, in.index());
            }
            case TYPE_LENGTH -> {
                int type = in.index();
                v.visitArrayNewFixed(type, in.index());
            }
            case TYPE_DATA -> {
                int type = in.index();
                v.visitArrayData(op, type, in.index());
            }
            case TYPE_ELEM -> {
                int type = in.index();
                v.visitArrayElem(op, type, in.index());
            }
            case BR_ON_CAST -> {
                int start = in.position();
                int flags = in.u8();
                if ((flags & ~0b11) != 0) {
                    throw ByteReader.errorAt("malformed br_on_cast flags", start);
                }
                int depth = in.index();
                var from = new RefType((flags & 1) != 0, types.heapType());
                var to = new RefType((flags & 2) != 0, types.heapType());
                v.visitBrOnCast(op, depth, from, to);
            }
        }
    }

    private Catch catchClause() {
        int start = in.position();
        int code = in.u8();
        Catch.Kind kind =
                switch (code) {
                    case 0x00 -> Catch.Kind.CATCH;
                    case 0x01 -> Catch.Kind.CATCH_REF;
                    case 0x02 -> Catch.Kind.CATCH_ALL;
                    case 0x03 -> Catch.Kind.CATCH_ALL_REF;
                    default -> throw ByteReader.errorAt("malformed catch clause", start);
                };
        int tag = kind.hasTag() ? in.index() : -1;
        return new Catch(kind, tag, in.index());
    }

    // Spec 5.4.6: flags below 2^6 are the alignment exponent; bit 6 says a memory index follows.
    private void memarg(Opcode op, InstructionVisitor v, boolean lane) {
        int start = in.position();
        int flags = in.u32();
        if (Integer.compareUnsigned(flags, 0x80) >= 0) {
            throw ByteReader.errorAt("malformed memop flags", start);
        }
        int memIndex = (flags & 0x40) != 0 ? in.index() : 0;
        int alignLog2 = flags & 0x3F;
        long offset = in.u64();
        if (lane) {
            v.visitMemoryLane(op, memIndex, alignLog2, offset, in.u8());
        } else {
            v.visitMemory(op, memIndex, alignLog2, offset);
        }
    }
}
