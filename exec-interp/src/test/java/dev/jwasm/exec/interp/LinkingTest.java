package dev.jwasm.exec.interp;

import static dev.jwasm.api.code.Opcode.CALL;
import static dev.jwasm.api.code.Opcode.CALL_INDIRECT;
import static dev.jwasm.api.code.Opcode.END;
import static dev.jwasm.api.code.Opcode.GLOBAL_GET;
import static dev.jwasm.api.code.Opcode.GLOBAL_SET;
import static dev.jwasm.api.code.Opcode.I32_ADD;
import static dev.jwasm.api.code.Opcode.I32_MUL;
import static dev.jwasm.api.code.Opcode.LOCAL_GET;
import static dev.jwasm.api.model.ValType.I32;
import static dev.jwasm.api.model.ValType.I64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwasm.api.Global;
import dev.jwasm.api.LinkException;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.model.AddressType;
import dev.jwasm.api.model.Export;
import dev.jwasm.api.model.ExternKind;
import dev.jwasm.api.model.ExternType;
import dev.jwasm.api.model.GlobalType;
import dev.jwasm.api.model.Import;
import dev.jwasm.api.model.Limits;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.SegmentMode;
import dev.jwasm.api.model.TableType;
import dev.jwasm.api.model.TagType;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.internal.access.LoweredModule;
import dev.jwasm.spi.runtime.ConstExpr;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Imports, exports, host functions, globals, tables and the start function. */
class LinkingTest {
    private static final GlobalType MUT_I32 = new GlobalType(I32, true);

    /** Imports env.add : [i32 i32] -> [i32] and exports f(x) = add(x, 10) * 2. */
    private static Modules callsHostAdd() {
        var m = new Modules();
        var addType = Modules.sig(List.of(I32, I32), List.of(I32));
        m.imports.add(new Import("env", "add", new ExternType.Func(m.type(addType))));
        return m.func("f", Modules.sig(List.of(I32), List.of(I32)), List.of(), v -> {
            v.visitLocal(LOCAL_GET, 0);
            v.visitI32Const(10);
            v.visitFunction(CALL, 0);
            v.visitI32Const(2);
            v.visitSimple(I32_MUL);
            v.visitSimple(END);
        });
    }

    private static Store store() {
        return new Store(Modules.engine(1000));
    }

    @Test
    void wasmCallsAHostFunction() {
        var linker = new Linker().define("env", "add", Modules.sig(List.of(I32, I32), List.of(I32)), args ->
                new long[] {(int) args[0] + (int) args[1]});
        var f = Internals.instantiate(linker, store(), callsHostAdd().build()).function("f");
        assertEquals((5 + 10) * 2, f.callForLong(5));
    }

    @Test
    void aHostTrapUnwindsThroughWasm() {
        var linker = new Linker().define("env", "add", Modules.sig(List.of(I32, I32), List.of(I32)), args -> {
            throw new Trap(TrapKind.UNREACHABLE, "host gave up");
        });
        var f = Internals.instantiate(linker, store(), callsHostAdd().build()).function("f");
        assertEquals(
                "unreachable: host gave up",
                assertThrows(Trap.class, () -> f.call(1)).getMessage());
    }

    @Test
    void missingImportIsUnknown() {
        var e = assertThrows(
                LinkException.class,
                () -> Internals.instantiate(
                        new Linker(), store(), callsHostAdd().build()));
        assertEquals("unknown import: \"env\" \"add\"", e.getMessage());
    }

    @Test
    void importOfTheWrongTypeOrKindIsIncompatible() {
        var wrongType =
                new Linker().define("env", "add", Modules.sig(List.of(I64, I64), List.of(I64)), args -> new long[] {0});
        var e = assertThrows(
                LinkException.class,
                () -> Internals.instantiate(wrongType, store(), callsHostAdd().build()));
        assertEquals(
                "incompatible import type: \"env\" \"add\" expects function [i32, i32] -> [i32],"
                        + " found function [i64, i64] -> [i64]",
                e.getMessage());
        var wrongKind = new Linker().define("env", "add", Global.create(MUT_I32, 0));
        var k = assertThrows(
                LinkException.class,
                () -> Internals.instantiate(wrongKind, store(), callsHostAdd().build()));
        assertEquals(true, k.getMessage().startsWith("incompatible import type: \"env\" \"add\""), k.getMessage());
    }

    @Test
    void mutableGlobalsAreSharedByIdentity() {
        var m = new Modules();
        m.imports.add(new Import("env", "counter", MUT_I32));
        m.exports.add(new Export("counter", ExternKind.GLOBAL, 0));
        m.func("bump", Modules.sig(List.of(), List.of(I32)), List.of(), v -> {
            v.visitGlobal(GLOBAL_GET, 0);
            v.visitI32Const(1);
            v.visitSimple(I32_ADD);
            v.visitGlobal(GLOBAL_SET, 0);
            v.visitGlobal(GLOBAL_GET, 0);
            v.visitSimple(END);
        });
        var cell = Global.create(MUT_I32, 5);
        var instance = Internals.instantiate(new Linker().define("env", "counter", cell), store(), m.build());
        assertEquals(6, instance.function("bump").callForLong());
        assertEquals(6, cell.get());
        cell.set(40);
        assertEquals(41, instance.function("bump").callForLong());
        assertEquals(cell, instance.global("counter"));
        var immutable = new Linker().define("env", "counter", Global.create(new GlobalType(I32, false), 5));
        assertThrows(LinkException.class, () -> Internals.instantiate(immutable, store(), m.build()));
    }

    @Test
    void startFunctionRunsAfterGlobalsAreInitialised() {
        var m = new Modules().global(MUT_I32, 7);
        m.func(null, Modules.sig(List.of(), List.of()), List.of(), v -> {
            v.visitGlobal(GLOBAL_GET, 0);
            v.visitI32Const(10);
            v.visitSimple(I32_MUL);
            v.visitGlobal(GLOBAL_SET, 0);
            v.visitSimple(END);
        });
        m.func("get", Modules.sig(List.of(), List.of(I32)), List.of(), v -> {
            v.visitGlobal(GLOBAL_GET, 0);
            v.visitSimple(END);
        });
        m.start = OptionalInt.of(0);
        assertEquals(70, m.instantiate().function("get").callForLong());
    }

    @Test
    void callIndirectChecksBoundsNullAndType() {
        var m = new Modules();
        var returnsI32 = Modules.sig(List.of(), List.of(I32));
        m.func(null, returnsI32, List.of(), v -> {
            v.visitI32Const(42);
            v.visitSimple(END);
        });
        m.func(null, Modules.sig(List.of(I32), List.of(I32)), List.of(), v -> {
            v.visitLocal(LOCAL_GET, 0);
            v.visitSimple(END);
        });
        int returnsI32Index = m.type(returnsI32);
        m.func("dispatch", Modules.sig(List.of(I32), List.of(I32)), List.of(), v -> {
            v.visitLocal(LOCAL_GET, 0);
            v.visitCallIndirect(CALL_INDIRECT, returnsI32Index, 0);
            v.visitSimple(END);
        });
        m.tables.add(new LoweredModule.Table(new TableType(RefType.FUNCREF, new Limits(3, 3), AddressType.I32), null));
        m.elements.add(new LoweredModule.Element(
                SegmentMode.ACTIVE,
                RefType.FUNCREF,
                0,
                ConstExpr.i32(0),
                List.of(ConstExpr.refFunc(0), ConstExpr.refFunc(1))));
        var dispatch = m.instantiate().function("dispatch");
        assertEquals(42, dispatch.callForLong(0));
        assertEquals(
                TrapKind.INDIRECT_CALL_TYPE_MISMATCH,
                assertThrows(Trap.class, () -> dispatch.call(1)).kind());
        assertEquals(
                TrapKind.UNINITIALIZED_ELEMENT,
                assertThrows(Trap.class, () -> dispatch.call(2)).kind());
        assertEquals(
                TrapKind.UNDEFINED_ELEMENT,
                assertThrows(Trap.class, () -> dispatch.call(3)).kind());
    }

    @Test
    void wrongArgumentCountIsAClearError() {
        var f = new Modules()
                .func("f", Modules.sig(List.of(I32), List.of(I32)), List.of(), v -> {
                    v.visitLocal(LOCAL_GET, 0);
                    v.visitSimple(END);
                })
                .instantiate()
                .function("f");
        var e = assertThrows(dev.jwasm.api.JwasmException.class, () -> f.call(1, 2));
        assertEquals(
                "function of type [i32] -> [i32] takes 1 argument values (a v128 counts as two), not 2",
                e.getMessage());
    }

    @Test
    void hostExceptionsReachTheCallerUnchangedAndTheInstanceStaysUsable() {
        var sig = Modules.sig(List.of(I32, I32), List.of(I32));
        var boom = new IllegalStateException("boom");
        var throwing = new Linker().define("env", "add", sig, args -> {
            if (args[0] == 1) {
                throw boom;
            }
            return new long[] {(int) args[0] + (int) args[1]};
        });
        var f = Internals.instantiate(throwing, store(), callsHostAdd().build()).function("f");
        assertSame(boom, assertThrows(IllegalStateException.class, () -> f.call(1)));
        assertEquals((2 + 10) * 2, f.callForLong(2));
    }

    @Test
    void badHostResultsBecomeJwasmExceptions() {
        var sig = Modules.sig(List.of(I32, I32), List.of(I32));
        var tooMany = new Linker().define("env", "add", sig, args -> new long[] {1, 2});
        var g = Internals.instantiate(tooMany, store(), callsHostAdd().build()).function("f");
        assertEquals(
                "host function of type [i32, i32] -> [i32] returned 2 values (expected 1, a v128 counts as two)",
                assertThrows(dev.jwasm.api.JwasmException.class, () -> g.call(1))
                        .getMessage());
    }

    @Test
    void thirtyTwoBitValuesAreNormalisedAtTheBoundary() {
        // The host returns 0xFFFFFFFF (i32 -1 written unsigned); Wasm doubles it: -2.
        var linker = new Linker()
                .define("env", "add", Modules.sig(List.of(I32, I32), List.of(I32)), args -> new long[] {0xFFFF_FFFFL});
        var f = Internals.instantiate(linker, store(), callsHostAdd().build()).function("f");
        assertEquals(-2, f.callForLong(0));
    }

    @Test
    void immutableGlobalImportsAcceptANonNullableReferenceForANullableOne() {
        var m = new Modules();
        m.imports.add(new Import("env", "f", new GlobalType(RefType.FUNCREF, false)));
        var nonNull = Global.create(new GlobalType(RefType.of(dev.jwasm.api.model.HeapType.Abstract.FUNC), false), 0);
        Internals.instantiate(new Linker().define("env", "f", nonNull), store(), m.build());
        var mutable = Global.create(new GlobalType(RefType.of(dev.jwasm.api.model.HeapType.Abstract.FUNC), true), 0);
        assertThrows(
                LinkException.class,
                () -> Internals.instantiate(new Linker().define("env", "f", mutable), store(), m.build()));
    }

    @Test
    void tagsAreExportedAndImportedByIdentityAndType() {
        var store = store();
        var definer = new Modules();
        definer.tags.add(definer.type(Modules.sig(List.of(I32), List.of())));
        definer.exports.add(new Export("e", ExternKind.TAG, 0));
        var exporter = Internals.instantiate(new Linker(), store, definer.build());

        var user = new Modules();
        int i32Payload = user.type(Modules.sig(List.of(I32), List.of()));
        user.imports.add(new Import("lib", "e", new TagType(i32Payload)));
        user.exports.add(new Export("same", ExternKind.TAG, 0));
        var linker = new Linker().define("lib", exporter);
        assertEquals(
                exporter.tag("e"),
                Internals.instantiate(linker, store, user.build()).tag("same"));

        var wrong = new Modules();
        int i64Payload = wrong.type(Modules.sig(List.of(I64), List.of()));
        wrong.imports.add(new Import("lib", "e", new TagType(i64Payload)));
        var e = assertThrows(LinkException.class, () -> Internals.instantiate(linker, store, wrong.build()));
        assertEquals(
                true, e.getMessage().startsWith("incompatible import type: \"lib\" \"e\" expects tag"), e.getMessage());
    }
}
