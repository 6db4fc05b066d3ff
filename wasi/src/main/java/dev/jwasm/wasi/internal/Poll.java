package dev.jwasm.wasi.internal;

import static dev.jwasm.wasi.internal.GuestMemory.checkRange;
import static dev.jwasm.wasi.internal.GuestMemory.u;

import dev.jwasm.spi.LinearMemory;
import dev.jwasm.wasi.Errno;
import dev.jwasm.wasi.internal.Descriptor.FileDesc;
import dev.jwasm.wasi.internal.Descriptor.StreamIn;
import dev.jwasm.wasi.internal.Descriptor.StreamOut;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;

/** {@code poll_oneoff}: clock and fd subscriptions. */
public final class Poll {
    private final Object monitor;
    private final FdTable fds;
    private final Clocks clocks;

    /**
     * Sleeps {@code nanos}. A caller holding {@link #monitor} (a threaded program's threads take
     * it around every WASI call) sleeps in {@code monitor.wait}, which lets the other threads make
     * their WASI calls meanwhile.
     */
    private void sleep(long nanos) throws InterruptedException {
        if (!Thread.holdsLock(monitor)) {
            Thread.sleep(Duration.ofNanos(nanos));
            return;
        }
        long end = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = end - System.nanoTime()) {
            monitor.wait(left / 1_000_000, (int) (left % 1_000_000));
        }
    }

    public Poll(FdTable fds, Clocks clocks, Object monitor) {
        this.monitor = monitor;
        this.fds = fds;
        this.clocks = clocks;
    }

    private record Subscription(long userdata, int type, int clockId, long timeout, int flags, int fd) {}

    public int pollOneoff(LinearMemory mem, int in, int out, int nsubscriptions, int neventsPtr)
            throws WasiError, IOException {
        long n = u(nsubscriptions);
        if (n == 0 || n > 4096) {
            throw new WasiError(Errno.INVAL);
        }
        checkRange(mem, u(in), n * Witx.SUBSCRIPTION_SIZE);
        checkRange(mem, u(out), n * Witx.EVENT_SIZE);
        checkRange(mem, u(neventsPtr), 4);
        var subs = new ArrayList<Subscription>();
        for (long i = 0; i < n; i++) {
            long s = u(in) + i * Witx.SUBSCRIPTION_SIZE;
            int tag = Byte.toUnsignedInt(mem.load8(s + 8));
            if (tag > Witx.EVENTTYPE_FD_WRITE) {
                throw new WasiError(Errno.INVAL);
            }
            subs.add(new Subscription(
                    mem.load64(s),
                    tag,
                    mem.load32(s + 16),
                    mem.load64(s + 24),
                    Short.toUnsignedInt(mem.load16(s + 40)),
                    mem.load32(s + 16)));
        }
        var events = new ArrayList<long[]>(); // {userdata, error, type, nbytes}
        long minWait = Long.MAX_VALUE;
        long[] waits = new long[subs.size()];
        for (int i = 0; i < subs.size(); i++) {
            var s = subs.get(i);
            if (s.type == Witx.EVENTTYPE_CLOCK) {
                try {
                    long now = clocks.now(s.clockId);
                    long wait = (s.flags & Witx.SUBCLOCKFLAGS_ABSTIME) != 0 ? s.timeout - now : s.timeout;
                    waits[i] = Math.max(0, wait);
                    minWait = Math.min(minWait, waits[i]);
                } catch (WasiError e) {
                    waits[i] = -1;
                    events.add(new long[] {s.userdata, e.errno(), s.type, 0});
                }
            } else {
                events.add(fdEvent(s));
            }
        }
        // With anything to report already, return at once: only clocks already due fire.
        // Otherwise sleep until the earliest clock, and fire every clock due by then.
        long elapsed = 0;
        if (events.isEmpty() && minWait != Long.MAX_VALUE) {
            try {
                sleep(minWait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WasiError(Errno.INTR);
            }
            elapsed = minWait;
        }
        for (int i = 0; i < subs.size(); i++) {
            var s = subs.get(i);
            if (s.type == Witx.EVENTTYPE_CLOCK && waits[i] >= 0 && waits[i] <= elapsed) {
                events.add(new long[] {s.userdata, Errno.SUCCESS, s.type, 0});
            }
        }
        long o = u(out);
        for (var e : events) {
            mem.fill(o, (byte) 0, Witx.EVENT_SIZE);
            mem.store64(o, e[0]);
            mem.store16(o + 8, (short) e[1]);
            mem.store8(o + 10, (byte) e[2]);
            mem.store64(o + 16, e[3]);
            o += Witx.EVENT_SIZE;
        }
        mem.store32(u(neventsPtr), events.size());
        return Errno.SUCCESS;
    }

    private long[] fdEvent(Subscription s) {
        try {
            var d = fds.get(s.fd);
            d.require(Rights.POLL_FD_READWRITE, Errno.BADF);
            long nbytes =
                    switch (d) {
                        case StreamIn in when s.type == Witx.EVENTTYPE_FD_READ -> in.in.available();
                        case StreamOut o when s.type == Witx.EVENTTYPE_FD_WRITE -> 0;
                        case FileDesc f
                        when s.type == Witx.EVENTTYPE_FD_READ -> Math.max(0, f.channel.size() - f.channel.position());
                        case FileDesc f -> 0;
                        default -> throw new WasiError(Errno.BADF);
                    };
            return new long[] {s.userdata, Errno.SUCCESS, s.type, nbytes};
        } catch (WasiError e) {
            return new long[] {s.userdata, e.errno(), s.type, 0};
        } catch (IOException e) {
            return new long[] {s.userdata, IoErrors.errno(e), s.type, 0};
        }
    }
}
