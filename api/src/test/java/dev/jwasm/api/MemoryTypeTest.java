package dev.jwasm.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwasm.api.model.AddressType;
import dev.jwasm.api.model.Limits;
import dev.jwasm.api.model.MemoryType;
import org.junit.jupiter.api.Test;

class MemoryTypeTest {
    @Test
    void maxPagesFollowsTheDeclaredMaximumElseTheAddressSpace() {
        assertEquals(65_536, MemoryType.of(1, Limits.UNBOUNDED).maxPagesAllowed());
        assertEquals(7, MemoryType.of(1, 7).maxPagesAllowed());
        // 1-byte pages, i32: 2^32 bytes would be 2^32 pages, one more than the largest address.
        assertEquals(0xFFFF_FFFFL, new MemoryType(Limits.of(0), AddressType.I32, false, 0).maxPagesAllowed());
        assertEquals(1L << 48, new MemoryType(Limits.of(0), AddressType.I64, false, 16).maxPagesAllowed());
    }

    @Test
    void limitsRejectAMaximumBelowTheMinimum() {
        assertThrows(IllegalArgumentException.class, () -> new Limits(5, 4));
    }
}
