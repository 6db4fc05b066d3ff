package dev.jwasm.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.spi.runtime.ExceptionInstance;
import dev.jwasm.spi.runtime.StoreState;
import dev.jwasm.spi.runtime.TagInstance;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exception value model: payload shape, exnrefs in the store, and what Java sees. */
class WasmExceptionTest {
    private static final Tag I32_V128_REF =
            Tag.create(FuncType.of(List.of(ValType.I32, ValType.V128, RefType.EXTERNREF), List.of()));

    @Test
    void aPayloadHasOneValuePerParameterAndTwoPerV128() {
        assertEquals(4, ExceptionInstance.payloadLength(I32_V128_REF.instance()));
        var e = new WasmException(I32_V128_REF, 1, 2, 3, 0);
        assertArrayEquals(new long[] {1, 2, 3, 0}, e.payload());
        assertEquals(I32_V128_REF, e.tag());
        assertSame(I32_V128_REF.instance(), e.exception().tag());
        var wrong = assertThrows(JwasmException.class, () -> new WasmException(I32_V128_REF, 1, 2, 3));
        assertEquals(
                "a tag of type " + I32_V128_REF.type() + " takes a payload of 4 values, not 3", wrong.getMessage());
    }

    @Test
    void thePayloadCannotBeChangedFromOutside() {
        long[] values = {5};
        var tag = Tag.create(FuncType.of(List.of(ValType.I64), List.of()));
        var e = new WasmException(tag, values);
        values[0] = 6;
        e.payload()[0] = 7;
        assertEquals(5, e.exception().payload(0));
    }

    @Test
    void anExceptionGetsOneExnrefThatNamesItBack() {
        var store = new StoreState();
        var tag = new TagInstance(FuncType.of(List.of(), List.of()));
        var first = new ExceptionInstance(tag, new long[0]);
        var second = new ExceptionInstance(tag, new long[0]);
        long ref = store.exnRef(first);
        assertEquals(StoreState.EXN_TAG | 1, ref);
        assertEquals(ref, store.exnRef(first)); // registered once
        assertEquals(StoreState.EXN_TAG | 2, store.exnRef(second));
        assertSame(first, store.exception(ref));
        assertEquals(
                TrapKind.NULL_EXCEPTION_REFERENCE,
                assertThrows(Trap.class, () -> store.exception(0)).kind());
        long extern = store.externRef("host object");
        assertThrows(JwasmException.class, () -> store.exception(extern));
        assertThrows(JwasmException.class, () -> store.exception(StoreState.EXN_TAG | 3));
    }

    @Test
    void theMessageNamesTagTypeAndPayload() {
        var tag = Tag.create(FuncType.of(List.of(ValType.I32), List.of()));
        assertEquals(
                "uncaught Wasm exception of tag " + tag.type() + " with payload [42]",
                new WasmException(tag, 42).getMessage());
    }
}
