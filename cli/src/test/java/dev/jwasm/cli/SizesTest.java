package dev.jwasm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SizesTest {
    @Test
    void sizesTakeBinaryUnits() {
        assertEquals(4096, Sizes.parseBytes("4096"));
        assertEquals(512L * 1024 * 1024, Sizes.parseBytes("512M"));
        assertEquals(512L * 1024 * 1024, Sizes.parseBytes("512MiB"));
        assertEquals(4L * 1024 * 1024 * 1024, Sizes.parseBytes("4g"));
        assertEquals(2048, Sizes.parseBytes("2KB"));
    }

    @Test
    void badOrOverflowingSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Sizes.parseBytes("-1"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parseBytes("0"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parseBytes("12X"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parseBytes("9999999999999T"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parseBytes("99999999999999999999"));
    }

    @Test
    void durationsDefaultToSeconds() {
        assertEquals(Duration.ofSeconds(10), Sizes.parseDuration("10"));
        assertEquals(Duration.ofMillis(500), Sizes.parseDuration("500ms"));
        assertEquals(Duration.ofMillis(1500), Sizes.parseDuration("1.5s"));
        assertEquals(Duration.ofMinutes(2), Sizes.parseDuration("2m"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parseDuration("soon"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parseDuration("0s"));
    }
}
