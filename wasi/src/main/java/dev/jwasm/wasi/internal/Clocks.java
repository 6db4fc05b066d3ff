package dev.jwasm.wasi.internal;

import dev.jwasm.wasi.Errno;
import java.time.Instant;

/** witx {@code clockid}: realtime and monotonic, in nanoseconds. */
public final class Clocks {
    public static final int REALTIME = 0;
    public static final int MONOTONIC = 1;
    public static final int PROCESS_CPUTIME = 2;
    public static final int THREAD_CPUTIME = 3;

    private final long monotonicBase = System.nanoTime();

    /** The clock's current time: realtime since the epoch, monotonic since this object was made. */
    public long now(int clockId) throws WasiError {
        return switch (clockId) {
            case REALTIME -> {
                var t = Instant.now();
                yield t.getEpochSecond() * 1_000_000_000L + t.getNano();
            }
            case MONOTONIC -> System.nanoTime() - monotonicBase;
            // java.base offers no per-process or per-thread CPU clock.
            case PROCESS_CPUTIME, THREAD_CPUTIME -> throw new WasiError(Errno.NOTSUP);
            default -> throw new WasiError(Errno.INVAL);
        };
    }

    public long resolution(int clockId) throws WasiError {
        return switch (clockId) {
            case REALTIME -> 1_000L; // Instant.now() is microsecond-accurate at worst
            case MONOTONIC -> 1L;
            case PROCESS_CPUTIME, THREAD_CPUTIME -> throw new WasiError(Errno.NOTSUP);
            default -> throw new WasiError(Errno.INVAL);
        };
    }
}
