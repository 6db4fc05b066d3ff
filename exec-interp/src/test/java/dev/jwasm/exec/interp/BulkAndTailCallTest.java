package dev.jwasm.exec.interp;

import static dev.jwasm.api.code.Opcode.CALL_INDIRECT;
import static dev.jwasm.api.code.Opcode.ELSE;
import static dev.jwasm.api.code.Opcode.END;
import static dev.jwasm.api.code.Opcode.I32_ADD;
import static dev.jwasm.api.code.Opcode.I32_EQZ;
import static dev.jwasm.api.code.Opcode.I32_MUL;
import static dev.jwasm.api.code.Opcode.I32_SUB;
import static dev.jwasm.api.code.Opcode.IF;
import static dev.jwasm.api.code.Opcode.LOCAL_GET;
import static dev.jwasm.api.code.Opcode.RETURN_CALL;
import static dev.jwasm.api.model.ValType.I32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.code.BlockType;
import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.AddressType;
import dev.jwasm.api.model.HeapType;
import dev.jwasm.api.model.Limits;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.TableType;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.internal.access.LoweredModule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tail calls, blocks with parameters, bulk memory and table instructions; values by hand. */
class BulkAndTailCallTest {
    private static final BlockType RESULT_I32 = new BlockType.Value(I32);

    /** even(n) = n == 0 ? 1 : odd(n - 1); odd(n) = n == 0 ? 0 : even(n - 1), as tail calls. */
    private static void parity(Modules m, int result, int other) {
        m.func(result == 1 ? "even" : "odd", Modules.sig(List.of(I32), List.of(I32)), List.of(), v -> {
            v.visitLocal(LOCAL_GET, 0);
            v.visitSimple(I32_EQZ);
            v.visitBlock(IF, RESULT_I32);
            v.visitI32Const(result);
            v.visitSimple(ELSE);
            v.visitLocal(LOCAL_GET, 0);
            v.visitI32Const(1);
            v.visitSimple(I32_SUB);
            v.visitFunction(RETURN_CALL, other);
            v.visitSimple(END);
            v.visitSimple(END);
        });
    }

    @Test
    void tailCallsRunInConstantStackDepth() {
        var m = new Modules();
        parity(m, 1, 1);
        parity(m, 0, 0);
        // A call depth limit of 50 would trap on the first 50 ordinary calls.
        var instance = Internals.instantiate(new Linker(), new Store(Modules.engine(50)), m.build());
        assertEquals(1, instance.function("even").callForLong(1_000_000));
        assertEquals(0, instance.function("even").callForLong(7));
        assertEquals(1, instance.function("odd").callForLong(7));
    }

    @Test
    void ifWithAParameterGivesItToEitherArm() {
        var m = new Modules();
        int unary = m.type(Modules.sig(List.of(I32), List.of(I32)));
        var f = m.func("f", Modules.sig(List.of(I32, I32), List.of(I32)), List.of(), v -> {
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitLocal(LOCAL_GET, 1);
                    v.visitBlock(IF, new BlockType.TypeIndex(unary));
                    v.visitI32Const(1);
                    v.visitSimple(I32_ADD);
                    v.visitSimple(ELSE);
                    v.visitI32Const(2);
                    v.visitSimple(I32_MUL);
                    v.visitSimple(END);
                    v.visitSimple(END);
                })
                .instantiate()
                .function("f");
        assertEquals(6, f.callForLong(5, 1));
        assertEquals(10, f.callForLong(5, 0));
    }

    private static void threeArgs(
            Modules m, String name, java.util.function.Consumer<dev.jwasm.api.code.InstructionVisitor> op) {
        m.func(name, Modules.sig(List.of(I32, I32, I32), List.of()), List.of(), v -> {
            v.visitLocal(LOCAL_GET, 0);
            v.visitLocal(LOCAL_GET, 1);
            v.visitLocal(LOCAL_GET, 2);
            op.accept(v);
            v.visitSimple(END);
        });
    }

    @Test
    void bulkMemoryInitCopyFillAndDrop() {
        var m = new Modules();
        m.memories.add(MemoryType.of(1, 1));
        m.datas.add(new LoweredModule.Data(0, null, new byte[] {1, 2, 3, 4, 5}));
        threeArgs(m, "init", v -> v.visitMemoryInit(0, 0));
        threeArgs(m, "copy", v -> v.visitMemoryCopy(0, 0));
        threeArgs(m, "fill", v -> v.visitMemoryIndex(Opcode.MEMORY_FILL, 0));
        m.func("drop", Modules.sig(List.of(), List.of()), List.of(), v -> {
            v.visitData(Opcode.DATA_DROP, 0);
            v.visitSimple(END);
        });
        m.func("peek", Modules.sig(List.of(I32), List.of(I32)), List.of(), v -> {
            v.visitLocal(LOCAL_GET, 0);
            v.visitMemory(Opcode.I32_LOAD8_U, 0, 0, 0);
            v.visitSimple(END);
        });
        var inst = m.instantiate();
        var peek = inst.function("peek");
        inst.function("init").call(10, 1, 3); // bytes 2 3 4 at 10..12
        assertEquals(3, peek.callForLong(11));
        inst.function("copy").call(11, 10, 3); // overlapping: 2 3 4 now at 11..13
        assertEquals(2, peek.callForLong(11));
        assertEquals(4, peek.callForLong(13));
        inst.function("fill").call(100, 0xAB, 4);
        assertEquals(0xAB, peek.callForLong(103));
        assertEquals(0, peek.callForLong(104));
        var oob = assertThrows(Trap.class, () -> inst.function("fill").call(65535, 1, 2));
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, oob.kind());
        assertEquals(0, peek.callForLong(65535)); // nothing written
        assertThrows(Trap.class, () -> inst.function("init").call(0, 4, 2)); // 4 + 2 > 5 bytes
        inst.function("drop").call();
        inst.function("init").call(0, 0, 0); // empty range of a dropped segment is fine
        assertEquals(
                TrapKind.OUT_OF_BOUNDS_MEMORY,
                assertThrows(Trap.class, () -> inst.function("init").call(0, 0, 1))
                        .kind());
    }

    @Test
    void tableSizeGrowSetGetAndCallThroughIt() {
        var m = new Modules();
        m.func(null, Modules.sig(List.of(), List.of(I32)), List.of(), v -> {
            v.visitI32Const(42);
            v.visitSimple(END);
        });
        int returnsI32 = m.type(Modules.sig(List.of(), List.of(I32)));
        m.tables.add(new LoweredModule.Table(new TableType(RefType.FUNCREF, new Limits(2, 4), AddressType.I32), null));
        m.func("size", Modules.sig(List.of(), List.of(I32)), List.of(), v -> {
            v.visitTable(Opcode.TABLE_SIZE, 0);
            v.visitSimple(END);
        });
        m.func("grow", Modules.sig(List.of(I32), List.of(I32)), List.of(), v -> {
            v.visitHeapType(Opcode.REF_NULL, HeapType.Abstract.FUNC);
            v.visitLocal(LOCAL_GET, 0);
            v.visitTable(Opcode.TABLE_GROW, 0);
            v.visitSimple(END);
        });
        m.func("install", Modules.sig(List.of(I32), List.of()), List.of(), v -> {
            v.visitLocal(LOCAL_GET, 0);
            v.visitFunction(Opcode.REF_FUNC, 0);
            v.visitTable(Opcode.TABLE_SET, 0);
            v.visitSimple(END);
        });
        m.func("isNull", Modules.sig(List.of(I32), List.of(I32)), List.of(), v -> {
            v.visitLocal(LOCAL_GET, 0);
            v.visitTable(Opcode.TABLE_GET, 0);
            v.visitSimple(Opcode.REF_IS_NULL);
            v.visitSimple(END);
        });
        m.func("call", Modules.sig(List.of(I32), List.of(I32)), List.of(), v -> {
            v.visitLocal(LOCAL_GET, 0);
            v.visitCallIndirect(CALL_INDIRECT, returnsI32, 0);
            v.visitSimple(END);
        });
        var inst = m.instantiate();
        assertEquals(2, inst.function("size").callForLong());
        assertEquals(2, inst.function("grow").callForLong(1));
        assertEquals(3, inst.function("size").callForLong());
        assertEquals(-1, (int) inst.function("grow").callForLong(5)); // 8 > max 4
        inst.function("install").call(2);
        assertEquals(42, inst.function("call").callForLong(2));
        assertEquals(1, inst.function("isNull").callForLong(1));
        assertEquals(0, inst.function("isNull").callForLong(2));
        var oob = assertThrows(Trap.class, () -> inst.function("isNull").call(3));
        assertEquals(TrapKind.OUT_OF_BOUNDS_TABLE, oob.kind());
        // call_indirect names the element, as the reference interpreter does (bulk.wast).
        var uninitialized = assertThrows(Trap.class, () -> inst.function("call").call(1));
        assertEquals(TrapKind.UNINITIALIZED_ELEMENT, uninitialized.kind());
        assertEquals("uninitialized element 1", uninitialized.getMessage());
        var undefined = assertThrows(Trap.class, () -> inst.function("call").call(3));
        assertEquals(TrapKind.UNDEFINED_ELEMENT, undefined.kind());
        assertEquals("undefined element 3", undefined.getMessage());
    }

    @Test
    void externrefsRoundTripThroughATable() {
        var m = new Modules();
        m.tables.add(
                new LoweredModule.Table(new TableType(RefType.EXTERNREF, new Limits(2, 2), AddressType.I32), null));
        m.func("put", Modules.sig(List.of(I32, RefType.EXTERNREF), List.of()), List.of(), v -> {
            v.visitLocal(LOCAL_GET, 0);
            v.visitLocal(LOCAL_GET, 1);
            v.visitTable(Opcode.TABLE_SET, 0);
            v.visitSimple(END);
        });
        m.func("take", Modules.sig(List.of(I32), List.of(RefType.EXTERNREF)), List.of(), v -> {
            v.visitLocal(LOCAL_GET, 0);
            v.visitTable(Opcode.TABLE_GET, 0);
            v.visitSimple(END);
        });
        var store = new Store(Modules.engine(100));
        var inst = Internals.instantiate(new Linker(), store, m.build());
        var payload = new StringBuilder("host object");
        inst.function("put").call(1, Internals.state(store).externRef(payload));
        assertEquals(
                payload, Internals.state(store).extern(inst.function("take").callForLong(1)));
        assertEquals(null, Internals.state(store).extern(inst.function("take").callForLong(0)));
    }

    @Test
    void callRefAndBrOnNull() {
        var m = new Modules();
        var unary = Modules.sig(List.of(I32), List.of(I32));
        int unaryIndex = m.type(unary);
        m.func(null, unary, List.of(), v -> {
            v.visitLocal(LOCAL_GET, 0);
            v.visitI32Const(3);
            v.visitSimple(I32_MUL);
            v.visitSimple(END);
        });
        var funcRef = RefType.nullable(new HeapType.Concrete(unaryIndex));
        // apply(x, which): which != 0 calls function 0 through a funcref, else through ref.null.
        m.func("apply", Modules.sig(List.of(I32, I32), List.of(I32)), List.of(), v -> {
            v.visitLocal(LOCAL_GET, 0);
            v.visitLocal(LOCAL_GET, 1);
            v.visitBlock(IF, new BlockType.Value(funcRef));
            v.visitFunction(Opcode.REF_FUNC, 0);
            v.visitSimple(ELSE);
            v.visitHeapType(Opcode.REF_NULL, new HeapType.Concrete(unaryIndex));
            v.visitSimple(END);
            v.visitType(Opcode.CALL_REF, unaryIndex);
            v.visitSimple(END);
        });
        // orMinusOne(which): block (result i32) -1, (ref or null), br_on_null 0, drop, 100 end
        m.func("orMinusOne", Modules.sig(List.of(I32), List.of(I32)), List.of(), v -> {
            v.visitBlock(Opcode.BLOCK, RESULT_I32);
            v.visitI32Const(-1);
            v.visitLocal(LOCAL_GET, 0);
            v.visitBlock(IF, new BlockType.Value(funcRef));
            v.visitFunction(Opcode.REF_FUNC, 0);
            v.visitSimple(ELSE);
            v.visitHeapType(Opcode.REF_NULL, new HeapType.Concrete(unaryIndex));
            v.visitSimple(END);
            v.visitLabel(Opcode.BR_ON_NULL, 0);
            v.visitSimple(Opcode.DROP);
            v.visitSimple(Opcode.DROP);
            v.visitI32Const(100);
            v.visitSimple(END);
            v.visitSimple(END);
        });
        var inst = m.instantiate();
        assertEquals(21, inst.function("apply").callForLong(7, 1));
        var trap = assertThrows(Trap.class, () -> inst.function("apply").call(7, 0));
        assertEquals(TrapKind.NULL_FUNCTION_REFERENCE, trap.kind());
        assertEquals(100, inst.function("orMinusOne").callForLong(1));
        assertEquals(-1, inst.function("orMinusOne").callForLong(0));
    }
}
