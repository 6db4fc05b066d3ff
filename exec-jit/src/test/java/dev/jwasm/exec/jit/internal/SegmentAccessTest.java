package dev.jwasm.exec.jit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Engine;
import dev.jwasm.api.Instance;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.WasmModule;
import dev.jwasm.exec.jit.JitProvider;
import dev.jwasm.wat.Wat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Compiled loads and stores on a memory that offers its segment ({@link MemoryShape#segment}):
 * they go through the segment held in JVM locals, never the accessors, with the bounds check in
 * the generated code; the locals follow every grow the code can see (its own, a callee's, one
 * before a caught exception), and a memory closed under running code ends it with an exception.
 */
class SegmentAccessTest {
    private static final int PAGE = 65536;
    private static final long PATTERN = 0x8877_6655_4433_2211L;

    private static final String WAT = """
            (module
              (memory (export "memory") 1 3)
              (tag $grown)
              (func (export "store8") (param i32 i64) (i64.store8 (local.get 0) (local.get 1)))
              (func (export "store16") (param i32 i64) (i64.store16 (local.get 0) (local.get 1)))
              (func (export "store32") (param i32 i64) (i64.store32 (local.get 0) (local.get 1)))
              (func (export "store64") (param i32 i64) (i64.store (local.get 0) (local.get 1)))
              (func (export "load8_s") (param i32) (result i64) (i64.load8_s (local.get 0)))
              (func (export "load8_u") (param i32) (result i64) (i64.load8_u (local.get 0)))
              (func (export "load16_s") (param i32) (result i64) (i64.load16_s (local.get 0)))
              (func (export "load16_u") (param i32) (result i64) (i64.load16_u (local.get 0)))
              (func (export "load32_s") (param i32) (result i64) (i64.load32_s (local.get 0)))
              (func (export "load32_u") (param i32) (result i64) (i64.load32_u (local.get 0)))
              (func (export "load64") (param i32) (result i64) (i64.load (local.get 0)))
              (func (export "load64_far") (param i32) (result i64) (i64.load offset=4294967295 (local.get 0)))
              (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
              (func $grow1 (drop (memory.grow (i32.const 1))))
              (func $grow1_throw (call $grow1) (throw $grown))
              ;; Each grows to 2 pages, then stores and loads in the new page in the same function.
              (func (export "grow_then_access") (result i32)
                (call $grow1_inline)
                (i32.store (i32.const 65536) (i32.const 7))
                (i32.load (i32.const 65536)))
              (func $grow1_inline (drop (memory.grow (i32.const 1))) (i32.store (i32.const 65540) (i32.const 9)))
              (func (export "grow_inline_then_access") (result i32)
                (drop (memory.grow (i32.const 1)))
                (i32.store (i32.const 65536) (i32.const 8))
                (i32.load (i32.const 65536)))
              (func (export "callee_grows_then_access") (result i32)
                (call $grow1)
                (i32.store (i32.const 65536) (i32.const 6))
                (i32.load (i32.const 65536)))
              (func (export "caught_after_grow_then_access") (result i32)
                (block $h
                  (try_table (catch $grown $h) (call $grow1_throw)))
                (i32.store (i32.const 65536) (i32.const 5))
                (i32.load (i32.const 65536)))
              ;; Touches no memory: its calls, entry and return never load the memory or its segment.
              (func $fib (export "fib") (param i32) (result i32)
                (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
                  (then (local.get 0))
                  (else (i32.add
                    (call $fib (i32.sub (local.get 0) (i32.const 1)))
                    (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
              ;; Reads every word of the first page, round and round, until the memory goes.
              (func (export "spin") (result i32)
                (local $addr i32) (local $sum i32)
                (loop $again
                  (local.set $sum (i32.add (local.get $sum) (i32.load (local.get $addr))))
                  (local.set $addr (i32.and (i32.add (local.get $addr) (i32.const 4)) (i32.const 65532)))
                  (br $again))
                (local.get $sum))
            )
            """;

    private static final String WAT64 = """
            (module
              (memory i64 1 2)
              (func (export "load64") (param i64) (result i64) (i64.load (local.get 0)))
              (func (export "load64_off8") (param i64) (result i64) (i64.load offset=8 (local.get 0)))
              (func (export "store8") (param i64 i64) (i64.store8 (local.get 0) (local.get 1)))
              (func (export "load8_u") (param i64) (result i64) (i64.load8_u (local.get 0)))
            )
            """;

    private final SegmentMemory.Provider provider = new SegmentMemory.Provider();
    private final Engine engine = Engine.builder()
            .memory(provider)
            .executor(new JitProvider())
            .jitThreshold(0)
            .build();

    private Instance instance(String wat) {
        return new Linker().instantiate(new Store(engine), WasmModule.decode(Wat.toBinary(wat)));
    }

    private SegmentMemory memory() {
        return provider.made.getLast();
    }

    private static long call(Instance inst, String name, long... args) {
        return inst.function(name).call(args)[0];
    }

    private static void assertOob(Instance inst, String name, long... args) {
        var trap = assertThrows(Trap.class, () -> inst.function(name).call(args), name);
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, trap.kind(), name);
        assertEquals("out of bounds memory access", trap.getMessage(), name);
    }

    @Test
    void everyWidthGoesThroughTheSegmentWithWasmExtension() {
        Instance inst = instance(WAT);
        inst.function("store64").call(8, PATTERN);
        assertTrue(Jit.compiled(inst, "store64"));
        inst.function("store8").call(24, 0x1FF); // only the low byte is stored
        inst.function("store16").call(26, 0x1_8001);
        inst.function("store32").call(28, 0x1_8000_0001L);

        assertEquals(PATTERN, call(inst, "load64", 8));
        assertEquals(0x11, call(inst, "load8_s", 8));
        assertEquals(-120, call(inst, "load8_s", 15)); // 0x88
        assertEquals(0x88, call(inst, "load8_u", 15));
        assertEquals(0x2211, call(inst, "load16_u", 8)); // little-endian
        assertEquals(0x8877 - 0x1_0000, call(inst, "load16_s", 14));
        assertEquals(0x8877, call(inst, "load16_u", 14));
        assertEquals(0x8877_6655L - 0x1_0000_0000L, call(inst, "load32_s", 12));
        assertEquals(0x8877_6655L, call(inst, "load32_u", 12));
        assertEquals(0xFF, call(inst, "load8_u", 24));
        assertEquals(0x8001, call(inst, "load16_u", 26));
        assertEquals(0x8000_0001L, call(inst, "load32_u", 28));
        assertEquals(0, memory().accessorCalls, "compiled code called the accessors");
    }

    /**
     * After each grow the old end is memory and an access straddling the new end traps and
     * writes nothing; a u32 address plus the largest offset is out of bounds, not wrapped.
     */
    @Test
    void accessesStraddlingTheEndTrapAfterEachGrow() {
        Instance inst = instance(WAT);
        for (long pages = 1; pages <= 3; pages++) {
            long end = pages * PAGE;
            inst.function("store64").call(end - 8, PATTERN);
            assertEquals(PATTERN, call(inst, "load64", end - 8));
            for (long past = 1; past < 8; past++) {
                assertOob(inst, "load64", end - 8 + past);
                assertOob(inst, "store64", end - 8 + past, -1);
            }
            assertOob(inst, "load32_u", end - 3);
            assertOob(inst, "store32", end - 1, -1);
            assertOob(inst, "load16_u", end - 1);
            assertOob(inst, "store16", end - 1, -1);
            assertOob(inst, "load8_u", end);
            assertOob(inst, "store8", end, -1);
            assertEquals(PATTERN, call(inst, "load64", end - 8), "a trapping store wrote nothing");
            assertEquals(PATTERN & 0xFF, call(inst, "load8_u", end - 8));
            if (pages < 3) {
                assertEquals(pages, call(inst, "grow", 1));
                assertEquals(0, call(inst, "load64", end), "the grown page is in bounds");
            }
        }
        assertEquals(-1, call(inst, "grow", 1));
        assertOob(inst, "load8_u", 3 * PAGE);
        assertOob(inst, "load64", -1); // the u32 operand 0xFFFFFFFF
        assertOob(inst, "load64_far", 0);
        assertOob(inst, "load64_far", -1);
        assertEquals(0, memory().accessorCalls);
    }

    @Test
    void aGrowInTheSameFunctionIsSeenByItsNextAccess() {
        assertEquals(8, call(instance(WAT), "grow_inline_then_access"));
    }

    @Test
    void aGrowByACalleeIsSeenAfterTheCall() {
        assertEquals(6, call(instance(WAT), "callee_grows_then_access"));
        assertEquals(7, call(instance(WAT), "grow_then_access"));
    }

    @Test
    void aGrowBeforeACaughtExceptionIsSeenAtTheHandler() {
        assertEquals(5, call(instance(WAT), "caught_after_grow_then_access"));
    }

    @Test
    void aFunctionThatTouchesNoMemoryNeverLoadsTheSegment() {
        Instance inst = instance(WAT);
        assertEquals(0, call(inst, "load32_u", 0));
        assertTrue(Jit.compiled(inst, "fib"));
        int before = memory().segmentCalls;
        assertTrue(before > 0, "the loading function asked for the segment");

        assertEquals(6765, call(inst, "fib", 20));
        assertEquals(before, memory().segmentCalls, "fib's calls reloaded the segment");
        assertEquals(0, call(inst, "load32_u", 0));
        assertTrue(memory().segmentCalls > before, "the loading function still asks for it");
    }

    /**
     * A memory smaller than the access width (here, none at all) fails every address of that
     * width: its limit, the size less the width, is below zero. After a grow the same code works.
     */
    @Test
    void anEmptyMemoryTrapsEveryWidthUntilItGrows() {
        Instance inst = instance("""
                (module
                  (memory 0 1)
                  (func (export "load8_u") (param i32) (result i64) (i64.load8_u (local.get 0)))
                  (func (export "load64") (param i32) (result i64) (i64.load (local.get 0)))
                  (func (export "store32") (param i32 i64) (i64.store32 (local.get 0) (local.get 1)))
                  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
                """);
        assertOob(inst, "load8_u", 0);
        assertOob(inst, "load64", 0);
        assertOob(inst, "store32", 0, 1);
        assertEquals(0, call(inst, "grow", 1));
        inst.function("store32").call(PAGE - 4, 0x1234_5678);
        assertEquals(0x78, call(inst, "load8_u", PAGE - 4));
        assertEquals(0, call(inst, "load64", 0));
        assertOob(inst, "load64", PAGE - 7);
        assertEquals(0, memory().accessorCalls, "compiled code called the accessors");
    }

    /** A function of {@code loads} loads of the words from its argument up, returning their sum. */
    private static String summing(String name, int loads) {
        var body = new StringBuilder("(i64.const 0)");
        for (int k = 0; k < loads; k++) {
            body.append(" (i64.add (i64.load offset=").append(8 * k).append(" (local.get 0)))");
        }
        return "(func (export \"" + name + "\") (param i32) (result i64) " + body + ")";
    }

    /**
     * A function with more segment accesses than C1's profiling tier manages counts its entries
     * and throws its compiled code away at the first stage (see {@link TierNudge}), computing the
     * same all along; one at the limit does not count.
     */
    @Test
    void aFunctionWithManySegmentAccessesHasItsCodeThrownAwayOnceItRan() {
        int limit = TierNudge.C1_SEGMENT_ACCESSES;
        Instance inst = instance("(module (memory 1) "
                + "(func (export \"store64\") (param i32 i64) (i64.store (local.get 0) (local.get 1))) "
                + summing("at_limit", limit) + " " + summing("past_limit", limit + 1) + ")");
        for (int k = 0; k <= limit; k++) {
            inst.function("store64").call(8L * k, k + 1);
        }
        Class<?> generated = Jit.moduleClass(inst, "store64");
        int calls = (1 << 13) + 100;
        for (int i = 0; i < calls; i++) {
            assertEquals((long) limit * (limit + 1) / 2, call(inst, "at_limit", 0));
            assertEquals((long) (limit + 1) * (limit + 2) / 2, call(inst, "past_limit", 0));
        }
        assertEquals(0, TierNudge.stage(generated, Jit.index(inst, "at_limit")), "at the limit");
        assertEquals(1, TierNudge.stage(generated, Jit.index(inst, "past_limit")), "past the limit");
        assertEquals(0, memory().accessorCalls, "compiled code called the accessors");
        assertOob(inst, "past_limit", PAGE - 8L * limit);
    }

    /** A memory64 address is a u64 and the offset sum a u65: none of these wrap into memory. */
    @Test
    void memory64HighAddressesTrap() {
        Instance inst = instance(WAT64);
        inst.function("store8").call(PAGE - 1, 0xAB);
        assertEquals(0xAB, call(inst, "load8_u", PAGE - 1));
        assertEquals(0xABL << 56, call(inst, "load64", PAGE - 8));
        assertEquals(0xABL << 56, call(inst, "load64_off8", PAGE - 16));
        assertOob(inst, "load64", PAGE - 7);
        assertOob(inst, "load64_off8", PAGE - 15);
        assertOob(inst, "load8_u", PAGE);
        assertOob(inst, "load8_u", Long.MIN_VALUE); // 2^63
        assertOob(inst, "load8_u", -1); // 2^64 - 1
        assertOob(inst, "load64", -8);
        assertOob(inst, "load64_off8", -8); // 2^64 - 8 + 8 wraps to 0 in 64 bits
        assertOob(inst, "load64_off8", -1);
        assertOob(inst, "store8", Long.MAX_VALUE, 1);
        assertEquals(0, memory().accessorCalls);
    }

    /**
     * Closing the memory while compiled code loops over it on another thread ends that code with an
     * exception (the segment's arena is closed under it), never a crash of the JVM.
     */
    @Test
    void closingTheMemoryUnderRunningCodeEndsItWithAnException() throws InterruptedException {
        Instance inst = instance(WAT);
        var started = new CountDownLatch(1);
        var failure = new AtomicReference<Throwable>();
        var runner = Thread.ofPlatform().daemon().start(() -> {
            started.countDown();
            try {
                inst.function("spin").call();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        Thread.sleep(300); // long enough for the loop to be compiled by C1 or C2
        memory().close();
        runner.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(runner.isAlive(), "the loop went on over a closed memory");
        assertInstanceOf(RuntimeException.class, failure.get(), "ended with " + failure.get());
    }
}
