package dev.jwasm.spi.runtime;

import dev.jwasm.api.JwasmException;
import dev.jwasm.api.model.ValType;
import java.util.Arrays;
import java.util.Objects;

/**
 * An exception (spec 4.2.12, "exception instances"): a tag and the payload values it was thrown
 * with. Its identity is its {@link #ref() reference}, the exnref a {@code catch_ref} pushes, so that
 * {@code throw_ref} rethrows the very same exception.
 *
 * <p>The payload is raw values in the order of the tag type's parameters, one {@code long} each,
 * except v128, which takes two (low then high 64 bits); references are tagged values.
 */
public final class ExceptionInstance {
    private final TagInstance tag;
    private final long[] payload;
    private long ref;

    /**
     * @throws JwasmException if {@code payload} does not have the length the tag's type needs
     */
    public ExceptionInstance(TagInstance tag, long[] payload) {
        this.tag = Objects.requireNonNull(tag, "tag");
        int expected = payloadLength(tag);
        if (payload.length != expected) {
            throw new JwasmException("a tag of type " + tag.type() + " takes a payload of " + expected + " values, not "
                    + payload.length);
        }
        this.payload = payload.clone();
    }

    /** How many raw values a payload for {@code tag} has: one per parameter, two per v128. */
    public static int payloadLength(TagInstance tag) {
        int n = 0;
        for (ValType t : tag.type().params()) {
            n += t == ValType.V128 ? 2 : 1;
        }
        return n;
    }

    public TagInstance tag() {
        return tag;
    }

    /** A copy of the payload. */
    public long[] payload() {
        return payload.clone();
    }

    /** The number of raw payload values. */
    public int payloadLength() {
        return payload.length;
    }

    /** Raw payload value {@code i}, without copying the array: executors read it on catch. */
    public long payload(int i) {
        return payload[i];
    }

    /** The exnref value naming this exception in its store; 0 until registered. */
    public long ref() {
        return ref;
    }

    void assignRef(long value) {
        this.ref = value;
    }

    @Override
    public String toString() {
        return "exception of tag " + tag.type() + " with payload " + Arrays.toString(payload);
    }
}
