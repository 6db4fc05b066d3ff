package dev.jwasm.exec.jit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Engine;
import dev.jwasm.api.Instance;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.WasmModule;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.exec.jit.JitProvider;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.memory.heap.HeapLinearMemory;
import dev.jwasm.memory.heap.HeapMemoryProvider;
import dev.jwasm.spi.LinearMemory;
import dev.jwasm.spi.MemoryBudget;
import dev.jwasm.spi.MemoryProvider;
import dev.jwasm.wat.Wat;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The compiled code calls each memory through its concrete class (see {@link MemoryShape}); one
 * module instantiated with memories of different classes in one engine gets code for each, and a
 * class the code cannot name is called through the SPI.
 */
class MemoryShapeTest {
    private static final WasmModule MODULE = WasmModule.decode(Wat.toBinary("""
            (module
              (memory 1)
              (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
              (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
              (func (export "size") (result i32) (memory.size))
              (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
            """));

    /** Hands out memories wrapped as the next wrapper says (identity: the heap memory itself). */
    private static final class Provider implements MemoryProvider {
        final Deque<UnaryOperator<LinearMemory>> wrappers = new ArrayDeque<>();
        private final HeapMemoryProvider heap = new HeapMemoryProvider();

        @Override
        public String name() {
            return "test";
        }

        @Override
        public int priority() {
            return 0;
        }

        @Override
        public LinearMemory create(MemoryType type, MemoryBudget budget) {
            return wrappers.remove().apply(heap.create(type, budget));
        }
    }

    private final Provider provider = new Provider();
    private final Engine engine = Engine.builder()
            .memory(provider)
            .executor(new JitProvider())
            .jitThreshold(0)
            .build();

    private Instance instantiate(UnaryOperator<LinearMemory> wrapper) {
        provider.wrappers.add(wrapper);
        return new Linker().instantiate(new Store(engine), MODULE);
    }

    private static LinearMemory memory(Instance inst) {
        return Internals.state(inst).memories[0];
    }

    private static Object generatedClass(Instance inst) {
        inst.function("size").call();
        return CompiledModule.of(Internals.state(inst)).code().getClass();
    }

    private static long load(Instance inst, int addr) {
        return inst.function("load").call(addr)[0];
    }

    @Test
    void eachMemoryClassGetsItsOwnCodeAndSameClassesShareIt() {
        Instance heapA = instantiate(m -> m);
        Instance forwarding = instantiate(ForwardingMemory::new);
        Instance heapB = instantiate(m -> m);
        assertSame(HeapLinearMemory.class, memory(heapA).getClass());
        heapA.function("store").call(8, 111);
        forwarding.function("store").call(8, 222);
        heapB.function("store").call(8, 333);

        assertEquals(111, load(heapA, 8));
        assertEquals(222, load(forwarding, 8));
        assertEquals(333, load(heapB, 8));
        assertEquals(1, ((ForwardingMemory) memory(forwarding)).loads32);
        assertNotSame(generatedClass(heapA), generatedClass(forwarding));
        assertSame(generatedClass(heapA), generatedClass(heapB));
    }

    @Test
    void aClassTheCodeCannotNameIsCalledThroughTheSpi() {
        Instance unnameable = instantiate(ForwardingMemory.Unnameable::new);
        unnameable.function("store").call(4, -7);
        assertEquals(-7, (int) load(unnameable, 4));
        assertEquals(1, ((ForwardingMemory) memory(unnameable)).loads32);
        assertEquals(
                "dev/jwasm/spi/LinearMemory",
                MemoryShape.of(Internals.state(unnameable)).owner(0));
        assertEquals(
                "dev/jwasm/exec/jit/internal/ForwardingMemory",
                MemoryShape.of(Internals.state(instantiate(ForwardingMemory::new)))
                        .owner(0));
    }

    @Test
    void theConcreteClassSeesGrowthAndTrapsPastIt() {
        Instance inst = instantiate(m -> m);
        var oob = assertThrows(Trap.class, () -> load(inst, 65536));
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, oob.kind());
        assertEquals(1, inst.function("grow").call(1)[0]);
        assertEquals(2, inst.function("size").call()[0]);
        inst.function("store").call(65536, 5);
        assertEquals(5, load(inst, 65536));
        assertTrue(assertThrows(Trap.class, () -> load(inst, 2 * 65536 - 2)).kind() == TrapKind.OUT_OF_BOUNDS_MEMORY);
    }
}
