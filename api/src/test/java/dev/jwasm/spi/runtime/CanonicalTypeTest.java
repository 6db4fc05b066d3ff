package dev.jwasm.spi.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.model.HeapType;
import org.junit.jupiter.api.Test;

class CanonicalTypeTest {
    private static final HeapType.Abstract FUNC = HeapType.Abstract.FUNC;

    @Test
    void subtypingFollowsTheDeclaredChainInBothDirectionsOnlyUpwards() {
        // a <: b <: c, and d <: c beside b.
        var c = new CanonicalType(0, null, FUNC);
        var b = new CanonicalType(1, c, FUNC);
        var a = new CanonicalType(2, b, FUNC);
        var d = new CanonicalType(3, c, FUNC);
        assertEquals(2, a.depth());
        assertSame(b, a.supertype());
        assertNull(c.supertype());
        assertTrue(a.isSubtypeOf(a));
        assertTrue(a.isSubtypeOf(b));
        assertTrue(a.isSubtypeOf(c));
        assertTrue(d.isSubtypeOf(c));
        assertFalse(c.isSubtypeOf(a), "not downwards");
        assertFalse(b.isSubtypeOf(a));
        assertFalse(a.isSubtypeOf(d), "not sideways");
        assertFalse(d.isSubtypeOf(b), "same depth, other branch");
    }

    @Test
    void identityNotStructureDecides() {
        var one = new CanonicalType(0, null, FUNC);
        var two = new CanonicalType(0, null, FUNC);
        assertFalse(one.isSubtypeOf(two));
    }
}
