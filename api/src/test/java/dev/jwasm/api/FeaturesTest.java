package dev.jwasm.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Feature sets, and each feature gating what the decoder and validator accept: modules written
 * byte by byte (spec chapter 5), errors in the spec testsuite's wording.
 */
class FeaturesTest {
    private static final byte[] HEADER = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};

    /** A module of sections given as (id, content bytes...) with one-byte sizes. */
    private static byte[] module(int[]... sections) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(HEADER);
        for (int[] section : sections) {
            out.write(section[0]);
            out.write(section.length - 1);
            for (int i = 1; i < section.length; i++) {
                out.write(section[i]);
            }
        }
        return out.toByteArray();
    }

    private static int[] s(int... bytes) {
        return bytes;
    }

    /** Type [] -> [], one function with the given code (no locals, final end added). */
    private static byte[] oneFunction(int[] memorySection, int... code) {
        int[] body = new int[code.length + 5];
        body[0] = 10; // code section
        body[1] = 1; // one body
        body[2] = code.length + 2; // body size: locals vector + code + end
        body[3] = 0; // no locals
        System.arraycopy(code, 0, body, 4, code.length);
        body[body.length - 1] = 0x0B;
        return module(s(1, 1, 0x60, 0, 0), s(3, 1, 0), memorySection, body);
    }

    /** A builder with the test backends (the api module has none of its own). */
    private static Engine.Builder engine() {
        return Engine.builder().memory(new EngineTest.TestMemory()).executor(new EngineTest.TestExecutor());
    }

    private static String malformed(byte[] binary, Features features) {
        return assertThrows(MalformedModuleException.class, () -> WasmModule.decode(binary, features))
                .reason();
    }

    private static String invalid(byte[] binary, Features features) {
        var module = WasmModule.decode(binary, features);
        return assertThrows(InvalidModuleException.class, module::validate).reason();
    }

    private static void valid(byte[] binary, Features features) {
        WasmModule.decode(binary, features).validate();
    }

    @Test
    void defaultsAreWasm30PlusThreads() {
        var defaults = Features.defaults();
        assertEquals(
                EnumSet.of(Feature.THREADS, Feature.MULTI_MEMORY, Feature.MULTI_TABLE, Feature.MEMORY64),
                defaults.enabled());
        assertEquals(EnumSet.allOf(Feature.class), Features.all().enabled());
        assertEquals(defaults, engine().build().features());
    }

    @Test
    void withAndWithoutReturnNewSetsAndLeaveTheOriginal() {
        var defaults = Features.defaults();
        var more = defaults.with(Feature.WIDE_ARITHMETIC);
        var fewer = defaults.without(Feature.MULTI_MEMORY);
        assertTrue(more.has(Feature.WIDE_ARITHMETIC));
        assertFalse(fewer.has(Feature.MULTI_MEMORY));
        assertFalse(defaults.has(Feature.WIDE_ARITHMETIC));
        assertTrue(defaults.has(Feature.MULTI_MEMORY));
        assertThrows(UnsupportedOperationException.class, () -> more.enabled().add(Feature.THREADS));
    }

    @Test
    void aCommandLineListTurnsFeaturesOnAndOffInOrder() {
        var f = Features.defaults().apply("custom-page-sizes, -multi-memory,wide-arithmetic");
        assertEquals(
                Set.of(
                        Feature.THREADS,
                        Feature.MULTI_TABLE,
                        Feature.MEMORY64,
                        Feature.CUSTOM_PAGE_SIZES,
                        Feature.WIDE_ARITHMETIC),
                f.enabled());
        assertEquals(Set.of(), Features.defaults().apply("-all").enabled());
        assertEquals(
                Set.of(Feature.THREADS),
                Features.defaults().apply("-all,threads").enabled());
        assertEquals(Features.all(), Features.defaults().apply("all"));
    }

    @Test
    void unknownOrEmptyNamesAreConfigurationErrors() {
        var e = assertThrows(
                ConfigurationException.class, () -> Features.defaults().apply("simd128"));
        assertTrue(
                e.getMessage().startsWith("unknown WebAssembly feature 'simd128' (known: threads, "), e.getMessage());
        assertThrows(ConfigurationException.class, () -> Features.defaults().apply("threads,,memory64"));
    }

    @Test
    void customPagesSizesFlagIsMalformedUnlessEnabled() {
        // Memory section: one memory, flags 0x08 (page size follows), min 0, page size log2 0.
        byte[] binary = module(s(5, 1, 0x08, 0, 0));
        assertEquals("malformed limits flags", malformed(binary, Features.defaults()));
        valid(binary, Features.defaults().with(Feature.CUSTOM_PAGE_SIZES));
    }

    @Test
    void sharedMemoryNeedsThreads() {
        // Flags 0x03: has maximum, shared; min 1 max 2.
        byte[] binary = module(s(5, 1, 0x03, 1, 2));
        valid(binary, Features.defaults());
        assertEquals(
                "malformed limits flags", malformed(binary, Features.defaults().without(Feature.THREADS)));
    }

    @Test
    void atomicOperatorsNeedThreads() {
        // atomic.fence = fe 03 00.
        byte[] binary = oneFunction(s(5, 1, 0x00, 1), 0xFE, 0x03, 0x00);
        valid(binary, Features.defaults());
        assertEquals(
                "illegal opcode fe 03", malformed(binary, Features.defaults().without(Feature.THREADS)));
    }

    @Test
    void wideArithmeticOperatorsNeedTheirFeature() {
        // i64.const 1, i64.const 2, i64.mul_wide_u (fc 16), drop, drop.
        byte[] binary = oneFunction(s(5, 1, 0x00, 1), 0x42, 1, 0x42, 2, 0xFC, 0x16, 0x1A, 0x1A);
        assertEquals("illegal opcode fc 16", malformed(binary, Features.defaults()));
        valid(binary, Features.defaults().with(Feature.WIDE_ARITHMETIC));
    }

    @Test
    void memory64AndTable64NeedMemory64() {
        // Memory flags 0x04 (i64 addresses), min 0; table flags 0x04, funcref, min 0.
        byte[] memory = module(s(5, 1, 0x04, 0));
        byte[] table = module(s(4, 1, 0x70, 0x04, 0));
        var without = Features.defaults().without(Feature.MEMORY64);
        valid(memory, Features.defaults());
        valid(table, Features.defaults());
        assertEquals("malformed limits flags", malformed(memory, without));
        assertEquals("malformed limits flags", malformed(table, without));
    }

    @Test
    void twoMemoriesAreInvalidWithoutMultiMemory() {
        // Two memories, each flags 0 min 0.
        byte[] binary = module(s(5, 2, 0x00, 0, 0x00, 0));
        valid(binary, Features.defaults());
        assertEquals("multiple memories", invalid(binary, Features.defaults().without(Feature.MULTI_MEMORY)));
        // One memory is still fine.
        valid(module(s(5, 1, 0x00, 0)), Features.defaults().without(Feature.MULTI_MEMORY));
    }

    @Test
    void anImportedAndADefinedTableAreMultipleTablesWithoutTheFeature() {
        // Import "m" "t" table funcref min 0, then one defined funcref table min 0.
        byte[] binary = module(s(2, 1, 1, 'm', 1, 't', 0x01, 0x70, 0x00, 0), s(4, 1, 0x70, 0x00, 0));
        valid(binary, Features.defaults());
        assertEquals("multiple tables", invalid(binary, Features.defaults().without(Feature.MULTI_TABLE)));
    }

    @Test
    void engineDecodesWithItsFeatures() {
        byte[] binary = module(s(5, 1, 0x08, 0, 0));
        var engine = engine().features(Features.defaults().with(Feature.CUSTOM_PAGE_SIZES))
                .build();
        assertEquals(
                0, engine.decode(binary).validate().info().memories().getFirst().pageSizeLog2());
        var plain = engine().build();
        assertThrows(MalformedModuleException.class, () -> plain.decode(binary));
    }
}
