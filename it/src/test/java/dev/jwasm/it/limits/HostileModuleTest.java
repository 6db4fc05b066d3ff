package dev.jwasm.it.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.ConfigurationException;
import dev.jwasm.api.Engine;
import dev.jwasm.api.Features;
import dev.jwasm.api.InvalidModuleException;
import dev.jwasm.api.JwasmException;
import dev.jwasm.api.Linker;
import dev.jwasm.api.MalformedModuleException;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.WasmModule;
import dev.jwasm.wat.Wat;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile modules against the decoder's and validator's limits: each declares far more than it
 * holds or nests far deeper than allowed, and must end in the documented error, quickly, without
 * allocating what it declares (no OutOfMemoryError) or recursing on the JVM stack (no
 * StackOverflowError).
 */
class HostileModuleTest {
    private static final Duration QUICKLY = Duration.ofSeconds(10);

    static byte[] leb(long value) {
        var out = new ByteArrayOutputStream();
        do {
            int b = (int) (value & 0x7F);
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
        return out.toByteArray();
    }

    static byte[] cat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (var p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] section(int id, byte[] body) {
        return cat(new byte[] {(byte) id}, leb(body.length), body);
    }

    static byte[] module(byte[]... sections) {
        return cat(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, cat(sections));
    }

    private static void rejected(byte[] binary) {
        assertTimeoutPreemptively(QUICKLY, () -> {
            var e = assertThrows(JwasmException.class, () -> WasmModule.decode(binary, Features.all())
                    .validate());
            assertTrue(
                    e instanceof MalformedModuleException || e instanceof InvalidModuleException,
                    () -> "not a documented module error: " + e);
        });
    }

    /** Every section whose body starts with a vector count, declaring 2^32-1 items in 2 bytes. */
    @ParameterizedTest(name = "section {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 13})
    void aHugeItemCountIsMalformedWithoutAllocatingIt(int sectionId) {
        rejected(module(section(sectionId, cat(leb(0xFFFF_FFFFL), new byte[] {0, 0}))));
    }

    @ParameterizedTest(name = "{0} locals")
    @ValueSource(longs = {50_001L, 0xFFFF_FFFFL})
    void tooManyLocalsAreRejectedBeforeTheyExist(long locals) {
        // (type (func)) (func) with one local group of `locals` i32s.
        byte[] body = cat(leb(1), leb(locals), new byte[] {0x7F, 0x0B});
        rejected(module(
                section(1, new byte[] {1, 0x60, 0, 0}),
                section(3, new byte[] {1, 0}),
                section(10, cat(leb(1), leb(body.length), body))));
    }

    @ParameterizedTest(name = "{0} groups")
    @ValueSource(ints = {100_000})
    void manyLocalGroupsAddingUpPastTheLimitAreRejected(int groups) {
        var locals = new ByteArrayOutputStream();
        locals.writeBytes(leb(groups));
        for (int i = 0; i < groups; i++) {
            locals.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x03, 0x7F}); // 65535 i32s each
        }
        byte[] body = cat(locals.toByteArray(), new byte[] {0x0B});
        rejected(module(
                section(1, new byte[] {1, 0x60, 0, 0}),
                section(3, new byte[] {1, 0}),
                section(10, cat(leb(1), leb(body.length), body))));
    }

    @ParameterizedTest(name = "{0} nested blocks")
    @ValueSource(ints = {100_001, 1_000_000})
    void nestingPastTheLimitIsRejectedWithoutRecursion(int depth) {
        var code = new ByteArrayOutputStream();
        code.writeBytes(leb(0));
        for (int i = 0; i < depth; i++) {
            code.writeBytes(new byte[] {0x02, 0x40}); // block
        }
        for (int i = 0; i <= depth; i++) {
            code.write(0x0B);
        }
        byte[] body = code.toByteArray();
        rejected(module(
                section(1, new byte[] {1, 0x60, 0, 0}),
                section(3, new byte[] {1, 0}),
                section(10, cat(leb(1), leb(body.length), body))));
    }

    @ParameterizedTest(name = "body size {0}")
    @ValueSource(longs = {1_000_000L, 0xFFFF_FFFFL})
    void aBodyLargerThanItsSectionIsMalformed(long size) {
        rejected(module(
                section(1, new byte[] {1, 0x60, 0, 0}),
                section(3, new byte[] {1, 0}),
                section(10, cat(leb(1), leb(size), new byte[] {0, 0x0B}))));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"(table 0xFFFFFFFF funcref)", "(table i64 0xFFFFFFFFFFFF funcref)"})
    void aHugeTableFailsToInstantiateWithAClearError(String table) {
        var module = WasmModule.decode(Wat.toBinary("(module " + table + ")"), Features.all());
        try (var engine = Engine.create();
                var store = new Store(engine)) {
            assertTimeoutPreemptively(QUICKLY, () -> {
                var e = assertThrows(JwasmException.class, () -> new Linker().instantiate(store, module));
                assertTrue(!(e.getCause() instanceof OutOfMemoryError), e::toString);
            });
        }
    }

    @Test
    void aModuleOverTheEngineSizeLimitIsRejectedBeforeDecoding() {
        // 40 functions of 100 nops each: a valid module of a few KiB.
        var wat = new StringBuilder("(module");
        for (int f = 0; f < 40; f++) {
            wat.append(" (func").append(" nop".repeat(100)).append(")");
        }
        byte[] binary = Wat.toBinary(wat.append(")").toString());
        try (var limited = Engine.builder().maxModuleBytes(1024).build();
                var unlimited = Engine.builder().build()) {
            var e = assertThrows(MalformedModuleException.class, () -> limited.decode(binary));
            assertTrue(e.getMessage().contains("module too large: " + binary.length + " bytes"), e.getMessage());
            assertEquals(40, unlimited.decode(binary).info().functions().size(), "the same module is valid");
            // The limit is the binary's length, checked first: even garbage of that size is
            // refused for its size, not decoded.
            var garbage = assertThrows(MalformedModuleException.class, () -> limited.decode(new byte[4096]));
            assertTrue(garbage.getMessage().contains("module too large"), garbage.getMessage());
        }
        assertThrows(ConfigurationException.class, () -> Engine.builder().maxModuleBytes(0));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"interp", "jit"})
    void tableGrowPastTheLimitReturnsMinusOne(String executor) {
        var wat = "(module (table 0 funcref) (func (export \"grow\") (param i32) (result i32)"
                + " (table.grow (ref.null func) (local.get 0))))";
        try (var engine = Engine.builder().executor(executor).build();
                var store = new Store(engine)) {
            var instance = new Linker().instantiate(store, engine.decode(Wat.toBinary(wat)));
            assertEquals(-1, (int) instance.function("grow").callForLong(0x7FFF_FFFF));
            assertEquals(0, (int) instance.function("grow").callForLong(10));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"interp", "jit"})
    void theEngineMemoryCapHoldsForDeclaredAndGrownMemory(String executor) {
        try (var engine = Engine.builder()
                        .executor(executor)
                        .maxMemoryBytes(16L << 20)
                        .build();
                var store = new Store(engine)) {
            var big = engine.decode(Wat.toBinary("(module (memory 1024))"));
            assertThrows(JwasmException.class, () -> new Linker().instantiate(store, big));
            var grows = new Linker()
                    .instantiate(
                            store,
                            engine.decode(Wat.toBinary("(module (memory 1) (func (export \"grow\") (param i32)"
                                    + " (result i32) (memory.grow (local.get 0))))")));
            assertEquals(-1, (int) grows.function("grow").callForLong(1000));
            assertEquals(1, (int) grows.function("grow").callForLong(1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"interp", "jit"})
    void anInfiniteLoopEndsWhenItsFuelRunsOut(String executor) {
        try (var engine = Engine.builder().executor(executor).consumeFuel(true).build();
                var store = new Store(engine)) {
            var instance = loop(store);
            store.setFuel(100_000);
            var trap = assertThrows(Trap.class, () -> instance.function("spin").call());
            assertEquals(TrapKind.OUT_OF_FUEL, trap.kind());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"interp", "jit"})
    void anInfiniteLoopEndsAtItsDeadline(String executor) {
        try (var engine = Engine.builder().executor(executor).build();
                var store = new Store(engine)) {
            var instance = loop(store);
            store.setTimeout(Duration.ofMillis(200));
            assertTimeoutPreemptively(QUICKLY, () -> {
                var trap =
                        assertThrows(Trap.class, () -> instance.function("spin").call());
                assertEquals("deadline exceeded", trap.getMessage());
            });
        }
    }

    private static dev.jwasm.api.Instance loop(Store store) {
        var wat = "(module (func (export \"spin\") (loop $l (br $l))))";
        return new Linker().instantiate(store, store.engine().decode(Wat.toBinary(wat)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"interp", "jit"})
    void unboundedRecursionTrapsAtTheCallDepthLimit(String executor) {
        var wat = "(module (func $f (export \"f\") (param i32) (result i32)"
                + " (i32.add (call $f (i32.add (local.get 0) (i32.const 1))) (i32.const 1))))";
        try (var engine =
                        Engine.builder().executor(executor).maxCallDepth(5_000).build();
                var store = new Store(engine)) {
            var instance = new Linker().instantiate(store, engine.decode(Wat.toBinary(wat)));
            var trap = assertThrows(Trap.class, () -> instance.function("f").call(0));
            assertEquals("call stack exhausted", trap.getMessage());
            // The store stays usable after the trap.
            assertThrows(Trap.class, () -> instance.function("f").call(0));
        }
    }
}
