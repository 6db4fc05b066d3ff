package dev.jwasm.spi.runtime;

/** A data segment's bytes at run time (spec 4.2.13); dropping empties it. */
public final class DataSegment {
    private static final byte[] EMPTY = new byte[0];
    private byte[] bytes;

    public DataSegment(byte[] bytes) {
        this.bytes = bytes;
    }

    public byte[] bytes() {
        return bytes;
    }

    /** {@code data.drop}, also applied to active segments after instantiation copies them. */
    public void drop() {
        bytes = EMPTY;
    }
}
