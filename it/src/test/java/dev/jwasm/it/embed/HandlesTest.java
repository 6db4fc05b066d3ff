package dev.jwasm.it.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwasm.api.Engine;
import dev.jwasm.api.Global;
import dev.jwasm.api.Instance;
import dev.jwasm.api.JwasmException;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Memory;
import dev.jwasm.api.Store;
import dev.jwasm.api.Table;
import dev.jwasm.api.Tag;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.WasmException;
import dev.jwasm.api.model.AddressType;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.GlobalType;
import dev.jwasm.api.model.Limits;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.TableType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.wat.Wat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The API's handle for each export kind, and host-made imports of each kind. */
class HandlesTest {
    private final Engine engine =
            Engine.builder().executor("interp").memory("heap").build();
    private final Store store = new Store(engine);

    @AfterEach
    void close() {
        store.close();
        engine.close();
    }

    private Instance instance(Linker linker, String wat) {
        return linker.instantiate(store, engine.decode(Wat.toBinary(wat)));
    }

    @Test
    void aMutableGlobalIsReadAndWrittenAnImmutableOneOnlyRead() {
        var inst = instance(new Linker(), """
                (module
                  (global (export "counter") (mut i32) (i32.const 7))
                  (global (export "pi") f64 (f64.const 3.25))
                  (func (export "bump") (result i32)
                    (global.set 0 (i32.add (global.get 0) (i32.const 1)))
                    (global.get 0)))
                """);
        Global counter = inst.global("counter");
        assertEquals(7, counter.getInt());
        counter.set(0xFFFF_FFFFL); // an i32 given as an unsigned long is kept as -1
        assertEquals(-1L, counter.get());
        assertEquals(0, inst.function("bump").callForLong());
        assertEquals(0, counter.getInt(), "the handle sees the Wasm code's write");

        Global pi = inst.global("pi");
        assertEquals(3.25, pi.getDouble());
        var e = assertThrows(JwasmException.class, () -> pi.set(0));
        assertEquals(
                "global of type GlobalType[type=f64, mutable=false] is immutable: it cannot be set", e.getMessage());
        assertEquals(3.25, pi.getDouble());
        assertEquals(inst.global("pi"), pi, "two handles of one global are equal");
        assertNotEquals(counter, pi);
    }

    @Test
    void askingForAnExportOfTheWrongKindNamesIt() {
        var inst = instance(new Linker(), "(module (func (export \"f\")))");
        var e = assertThrows(JwasmException.class, () -> inst.memory("f"));
        assertEquals("no exported memory named \"f\"", e.getMessage());
        assertThrows(JwasmException.class, () -> inst.global("nothing"));
    }

    @Test
    void hostMadeImportsOfEveryKindAreSharedWithTheModule() {
        var global = Global.create(new GlobalType(ValType.I64, true), 40);
        var memory = Memory.create(store, MemoryType.of(1, 2));
        var table = Table.create(new TableType(RefType.EXTERNREF, new Limits(2, 4), AddressType.I32), 0);
        var tag = Tag.create(FuncType.of(List.of(ValType.I32), List.of()));
        var linker = new Linker()
                .define("host", "g", global)
                .define("host", "m", memory)
                .define("host", "t", table)
                .define("host", "e", tag);
        var inst = instance(linker, """
                (module
                  (import "host" "g" (global $g (mut i64)))
                  (import "host" "m" (memory 1))
                  (import "host" "t" (table 2 externref))
                  (import "host" "e" (tag $e (param i32)))
                  (func (export "run") (param externref)
                    (global.set $g (i64.add (global.get $g) (i64.const 2)))
                    (i32.store (i32.const 16) (i32.const 0x01020304))
                    (table.set (i32.const 1) (local.get 0)))
                  (func (export "boom") (throw $e (i32.const 9))))
                """);
        Object payload = new Object();
        inst.function("run").call(store.externRef(payload));

        assertEquals(42, global.get());
        assertEquals(0x01020304, memory.readI32(16));
        assertSame(payload, store.extern(table.get(1)));
        assertNull(store.extern(table.get(0)));
        var thrown =
                assertThrows(WasmException.class, () -> inst.function("boom").call());
        assertEquals(tag, thrown.tag());
        assertArrayEquals(new long[] {9}, thrown.payload());
        var outOfRange = assertThrows(Trap.class, () -> table.get(2));
        assertEquals(TrapKind.OUT_OF_BOUNDS_TABLE, outOfRange.kind());
    }

    @Test
    void theExportedMemoryIsTheHostView() {
        var inst = instance(new Linker(), """
                (module (memory (export "memory") 1)
                  (data (i32.const 8) "jwasm"))
                """);
        Memory memory = inst.memory("memory");
        assertEquals("jwasm", memory.readString(8, 5));
        assertEquals(1, memory.type().limits().min());
        assertEquals(65536, memory.byteSize());
    }
}
