package dev.jwasm.bench.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The micro-benchmark module computes the same on every runtime, so their timings compare. */
class MicroInstanceTest {
    @ParameterizedTest
    @ValueSource(strings = {"chicory-interp", "chicory-compiler", "jwasm-interp-heap", "jwasm-jit-mmap"})
    void everyRuntimeComputesTheSame(String runtime) {
        var instance = MicroInstance.create(runtime, "raw");
        assertEquals(42, instance.add(40, 2));
        assertEquals(-1, instance.add(Long.MAX_VALUE, Long.MIN_VALUE));
        assertEquals(1000, instance.callHost(1000), "inc called 1,000 times from 0");
        assertEquals(0, instance.callHost(0));
        // 0 + 4 + … + 65532 = 4 * (0 + … + 16383) = 536,838,144, well within an i32.
        assertEquals(536_838_144, (int) instance.storeLoad());
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory-interp", "jwasm-jit-heap"})
    void anUnknownCallPathIsAClearError(String runtime) {
        assertThrows(IllegalArgumentException.class, () -> MicroInstance.create(runtime, "telepathic"));
    }
}
