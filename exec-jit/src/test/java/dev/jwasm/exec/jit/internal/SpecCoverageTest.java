package dev.jwasm.exec.jit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Engine;
import dev.jwasm.api.Feature;
import dev.jwasm.api.Features;
import dev.jwasm.exec.interp.InterpreterProvider;
import dev.jwasm.exec.jit.JitProvider;
import dev.jwasm.memory.heap.HeapMemoryProvider;
import dev.jwasm.spi.ExecutorProvider;
import dev.jwasm.wat.WastOutcome;
import dev.jwasm.wat.WastRunner;
import dev.jwasm.wat.WastScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Spec scripts of the features the JIT compiles run on the JIT with no function left to the
 * interpreter ({@link FunctionCompiler#whyNot} gives no reason for any function of any of their
 * modules), and pass exactly as many commands as on the interpreter.
 */
class SpecCoverageTest {
    /**
     * Scripts relative to the testsuite root, each covering a feature the JIT compiles: memory64,
     * multi-memory, bulk memory and tables, tail calls, exceptions (legacy ones included), SIMD
     * and relaxed SIMD, atomics and wide arithmetic.
     */
    private static final String[] SCRIPTS = {
        "address64.wast",
        "bulk.wast",
        "memory_fill.wast",
        "memory_init.wast",
        "table_copy.wast",
        "table_fill.wast",
        "table_grow.wast",
        "table_size.wast",
        "simd_address.wast",
        "simd_align.wast",
        "simd_bit_shift.wast",
        "simd_bitwise.wast",
        "simd_boolean.wast",
        "simd_const.wast",
        "simd_conversions.wast",
        "simd_f32x4.wast",
        "simd_f32x4_arith.wast",
        "simd_f32x4_cmp.wast",
        "simd_f32x4_pmin_pmax.wast",
        "simd_f32x4_rounding.wast",
        "simd_f64x2.wast",
        "simd_f64x2_arith.wast",
        "simd_f64x2_cmp.wast",
        "simd_f64x2_pmin_pmax.wast",
        "simd_f64x2_rounding.wast",
        "simd_i16x8_arith.wast",
        "simd_i16x8_arith2.wast",
        "simd_i16x8_cmp.wast",
        "simd_i16x8_extadd_pairwise_i8x16.wast",
        "simd_i16x8_extmul_i8x16.wast",
        "simd_i16x8_q15mulr_sat_s.wast",
        "simd_i16x8_sat_arith.wast",
        "simd_i32x4_arith.wast",
        "simd_i32x4_arith2.wast",
        "simd_i32x4_cmp.wast",
        "simd_i32x4_dot_i16x8.wast",
        "simd_i32x4_extadd_pairwise_i16x8.wast",
        "simd_i32x4_extmul_i16x8.wast",
        "simd_i32x4_trunc_sat_f32x4.wast",
        "simd_i32x4_trunc_sat_f64x2.wast",
        "simd_i64x2_arith.wast",
        "simd_i64x2_arith2.wast",
        "simd_i64x2_cmp.wast",
        "simd_i64x2_extmul_i32x4.wast",
        "simd_i8x16_arith.wast",
        "simd_i8x16_arith2.wast",
        "simd_i8x16_cmp.wast",
        "simd_i8x16_sat_arith.wast",
        "simd_int_to_int_extend.wast",
        "simd_lane.wast",
        "simd_linking.wast",
        "simd_load.wast",
        "simd_load16_lane.wast",
        "simd_load32_lane.wast",
        "simd_load64_lane.wast",
        "simd_load8_lane.wast",
        "simd_load_extend.wast",
        "simd_load_splat.wast",
        "simd_load_zero.wast",
        "simd_memory-multi.wast",
        "simd_select.wast",
        "simd_splat.wast",
        "simd_store.wast",
        "simd_store16_lane.wast",
        "simd_store32_lane.wast",
        "simd_store64_lane.wast",
        "simd_store8_lane.wast",
        "tag.wast",
        "throw.wast",
        "throw_ref.wast",
        "try_table.wast",
        "legacy/throw.wast",
        "legacy/try_catch.wast",
        "legacy/try_delegate.wast",
        "legacy/rethrow.wast",
        "return_call.wast",
        "return_call_indirect.wast",
        "return_call_ref.wast",
        "load64.wast",
        "float_memory64.wast",
        "memory64.wast",
        "memory64-imports.wast",
        "memory-multi.wast",
        "proposals/threads/atomic.wast",
        "proposals/wide-arithmetic/wide-arithmetic.wast",
    };

    private static Path root() {
        return Path.of(System.getProperty("jwasm.testsuite", "../../shared/testsuite"));
    }

    private static Features features(String script) {
        if (script.startsWith("proposals/wide-arithmetic/")) {
            return Features.defaults().with(Feature.WIDE_ARITHMETIC);
        }
        if (script.startsWith("proposals/threads/")) {
            // The threads folder predates these and asserts that they are invalid (as Testsuite does).
            return Features.defaults().without(Feature.MULTI_MEMORY, Feature.MULTI_TABLE, Feature.MEMORY64);
        }
        return Features.defaults();
    }

    @TestFactory
    Stream<DynamicTest> specScriptsCompileFully() {
        Assumptions.assumeTrue(
                Files.isDirectory(root()),
                "spec testsuite not found at " + root().toAbsolutePath() + " (-Djwasm.testsuite)");
        return Stream.of(SCRIPTS).map(file -> DynamicTest.dynamicTest(file, () -> check(file)));
    }

    private static void check(String file) throws IOException {
        var script = WastScript.parse(Files.readString(root().resolve(file)), file);
        int interpreted = passes(script, new InterpreterProvider(), features(file));
        FunctionCompiler.INTERPRETED.clear();
        int jit = passes(script, new JitProvider(), features(file));
        Map<String, Integer> reasons = new TreeMap<>(FunctionCompiler.INTERPRETED);
        assertEquals(Map.of(), reasons, file + ": functions the JIT left to the interpreter, by reason");
        assertTrue(interpreted > 0, file + " passed nothing on the interpreter");
        assertEquals(interpreted, jit, file + ": commands passed on the JIT vs the interpreter");
    }

    private static int passes(WastScript script, ExecutorProvider executor, Features features) {
        var engine = Engine.builder()
                .memory(new HeapMemoryProvider())
                .executor(executor)
                .features(features)
                .build();
        int passed = 0;
        try (var runner = new WastRunner(engine)) {
            for (var command : script.commands()) {
                if (runner.run(command).status() == WastOutcome.Status.PASSED) {
                    passed++;
                }
            }
        }
        return passed;
    }
}
