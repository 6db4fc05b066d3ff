package dev.jwasm.memory.mmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.JwasmException;
import dev.jwasm.api.model.AddressType;
import dev.jwasm.api.model.Limits;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.memory.contract.LinearMemoryContract;
import dev.jwasm.spi.LinearMemory;
import dev.jwasm.spi.MemoryBudget;
import dev.jwasm.spi.MemoryProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MmapLinearMemoryTest extends LinearMemoryContract {
    private static final Path MAPS = Path.of("/proc/self/maps");

    @BeforeAll
    static void requireSupport() {
        var provider = new MmapMemoryProvider();
        Assumptions.assumeTrue(
                provider.isSupported(), () -> "mmap backend unsupported here: " + provider.unsupportedReason());
    }

    @Override
    protected LinearMemory newMemory(MemoryType type, MemoryBudget budget) {
        return new MmapMemoryProvider().create(type, budget);
    }

    @Test
    void providerIsFoundWithPriorityAboveHeap() {
        var provider = ServiceLoader.load(MemoryProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("mmap"))
                .findFirst()
                .orElseThrow();
        assertTrue(provider.isSupported(), provider.unsupportedReason());
        assertEquals(200, provider.priority());
        assertInstanceOf(MmapLinearMemory.class, provider.create(MemoryType.of(0, 0), MemoryBudget.unlimited()));
    }

    @Test
    void memory32ReservesFourGibibytesPlusGuard() {
        var memory = (MmapLinearMemory) create(1, 1);
        assertEquals((4L << 30) + 64 * 1024, memory.reservedBytes());
    }

    @Test
    void memory64ReservationIsCappedByTheEngineLimit() {
        var type = new MemoryType(new Limits(1, Limits.UNBOUNDED), AddressType.I64, false, 16);
        var memory = (MmapLinearMemory) create(type, new MemoryBudget(8 * PAGE, null));
        assertEquals(8 * PAGE + MmapLinearMemory.GUARD_BYTES, memory.reservedBytes());
        assertEquals(1, memory.grow(7));
        assertEquals(-1, memory.grow(1));
        var unlimited = (MmapLinearMemory) create(type, MemoryBudget.unlimited());
        assertEquals(MmapLinearMemory.DEFAULT_MEMORY64_CAP + MmapLinearMemory.GUARD_BYTES, unlimited.reservedBytes());
        assertThrows(
                JwasmException.class,
                () -> create(
                        new MemoryType(new Limits(9, 9), AddressType.I64, false, 16),
                        new MemoryBudget(8 * PAGE, null)));
    }

    @Test
    void growsInPlaceToFourGibibytesAndNoFurther() {
        var memory = create(MemoryType.of(1, 65536), MemoryBudget.unlimited());
        memory.store64(0, 0x1234);
        assertEquals(1, memory.grow(65535));
        assertEquals(4L << 30, memory.byteSize());
        assertEquals(-1, memory.grow(1), "a 32-bit memory holds at most 65536 pages");
        memory.store64((4L << 30) - 8, -1);
        assertEquals(-1, memory.load64((4L << 30) - 8));
        assertEquals(0x1234, memory.load64(0));
        assertOob(() -> memory.load8(4L << 30));
    }

    @Test
    void closingReleasesTheMappings() throws IOException {
        Assumptions.assumeTrue(Files.isReadable(MAPS), "needs " + MAPS);
        var budget = MemoryBudget.unlimited();
        // Warm up: the first memories load classes and may map code and arenas of their own.
        for (int i = 0; i < 10; i++) {
            newMemory(MemoryType.of(1, 2), budget).close();
        }
        long before = mappings();
        for (int i = 0; i < 1000; i++) {
            try (var memory = newMemory(MemoryType.of(1, 2), budget)) {
                memory.store32(0, i);
            }
        }
        long after = mappings();
        assertEquals(0, budget.committed());
        // A leaked reservation would add at least one mapping per memory; allow JVM noise.
        assertTrue(after - before < 50, "mappings grew from " + before + " to " + after);
    }

    private static long mappings() throws IOException {
        try (var lines = Files.lines(MAPS)) {
            return lines.count();
        }
    }

    @Test
    void unreachableMemoryIsReleasedByTheCleaner() throws InterruptedException {
        var budget = MemoryBudget.unlimited();
        newMemory(MemoryType.of(2, 2), budget).store8(0, (byte) 1); // never closed
        assertEquals(2 * PAGE, budget.committed());
        for (int i = 0; i < 200 && budget.committed() != 0; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertEquals(0, budget.committed(), "the Cleaner unmapped the forgotten memory and released its bytes");
    }

    @Test
    void withoutNativeAccessTheProviderStepsAsideWithAReason() throws IOException, InterruptedException {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), NativeAccessProbe.class.getName())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        var lastLine = output.strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(lastLine.startsWith("false|native access is not enabled"), output);
        assertTrue(lastLine.contains("--enable-native-access="), output);
    }
}
