package dev.jwasm.spi;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Engine-wide accounting of the bytes linear memories commit, with an optional limit and listener.
 * Memories {@link #tryReserve reserve} before they commit and {@link #release} when they shrink or
 * close; thread-safe.
 */
public final class MemoryBudget {
    /** No limit beyond what each memory's type allows. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    private final long limit;
    private final MemoryListener listener;
    private final AtomicLong committed = new AtomicLong();

    public MemoryBudget(long limitBytes, MemoryListener listener) {
        if (limitBytes < 0) {
            throw new IllegalArgumentException("memory limit must not be negative: " + limitBytes);
        }
        this.limit = limitBytes;
        this.listener = listener;
    }

    public static MemoryBudget unlimited() {
        return new MemoryBudget(UNLIMITED, null);
    }

    public long limit() {
        return limit;
    }

    /** Bytes currently committed by all memories sharing this budget. */
    public long committed() {
        return committed.get();
    }

    /**
     * Reserves {@code newBytes - oldBytes} for a memory growing from {@code oldBytes}; false, with
     * nothing reserved, when that passes the limit or the listener vetoes it.
     */
    public boolean tryReserve(long oldBytes, long newBytes) {
        long delta = newBytes - oldBytes;
        if (delta < 0) {
            throw new IllegalArgumentException("a reservation cannot shrink: " + oldBytes + " -> " + newBytes);
        }
        if (listener != null && !listener.beforeGrow(oldBytes, newBytes, committed.get())) {
            return false;
        }
        long current;
        do {
            current = committed.get();
            if (delta > limit - current) {
                return false;
            }
        } while (!committed.compareAndSet(current, current + delta));
        return true;
    }

    /** Returns bytes a memory no longer commits. */
    public void release(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("cannot release a negative size: " + bytes);
        }
        committed.addAndGet(-bytes);
    }
}
