package dev.jwasm.spi.runtime;

/** An element segment's references at run time (spec 4.2.12); dropping empties it. */
public final class ElementSegment {
    private static final long[] EMPTY = new long[0];
    private long[] refs;

    public ElementSegment(long[] refs) {
        this.refs = refs;
    }

    public long[] refs() {
        return refs;
    }

    /** {@code elem.drop}, also applied to active and declarative segments at instantiation. */
    public void drop() {
        refs = EMPTY;
    }
}
