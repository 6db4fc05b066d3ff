package dev.jwasm.bench.gc;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The JVM's own collections, as its {@link GarbageCollectorMXBean}s report them: counts and total
 * time from the beans, the longest single collection from their notifications (milliseconds, the
 * beans' resolution). Chicory keeps Wasm GC objects as JVM objects, so this is its GC; for jwasm
 * it shows what the arena's {@code long[]} costs the JVM besides.
 */
final class JvmGcWatch implements AutoCloseable {
    /** Counts and times since some start. */
    record Delta(long collections, long totalMillis, long longestMillis) {}

    private final List<GarbageCollectorMXBean> beans = ManagementFactory.getGarbageCollectorMXBeans();
    private final AtomicLong longest = new AtomicLong();
    /**
     * JVM uptime (ms) at {@link #start()}. A collection belongs to the interval if it ended in it,
     * as the beans' counts do; notifications arrive late, so older ones are told apart by this.
     */
    private volatile long startUptime;

    private final NotificationListener listener = this::onNotification;
    private long startCount;
    private long startMillis;

    JvmGcWatch() {
        for (var bean : beans) {
            if (bean instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
            }
        }
    }

    private void onNotification(Notification n, Object handback) {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            var gc = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData())
                    .getGcInfo();
            if (gc.getEndTime() >= startUptime) {
                longest.accumulateAndGet(gc.getDuration(), Math::max);
            }
        }
    }

    /** Starts counting from now. */
    void start() {
        startUptime = ManagementFactory.getRuntimeMXBean().getUptime();
        startCount = sum(true);
        startMillis = sum(false);
        longest.set(0);
    }

    /** What happened since {@link #start()}. */
    Delta sinceStart() {
        // Notifications come on another thread, possibly after this: each bean's last collection
        // is read here as well, so that one just before the end is not missed.
        for (var bean : beans) {
            if (bean instanceof com.sun.management.GarbageCollectorMXBean b) {
                var last = b.getLastGcInfo();
                if (last != null && last.getEndTime() >= startUptime) {
                    longest.accumulateAndGet(last.getDuration(), Math::max);
                }
            }
        }
        return new Delta(sum(true) - startCount, sum(false) - startMillis, longest.get());
    }

    private long sum(boolean counts) {
        long total = 0;
        for (var bean : beans) {
            long v = counts ? bean.getCollectionCount() : bean.getCollectionTime();
            total += Math.max(0, v); // -1: undefined for this collector
        }
        return total;
    }

    /** The collectors' names, for the report. */
    String collectors() {
        return String.join(
                ", ", beans.stream().map(GarbageCollectorMXBean::getName).toList());
    }

    @Override
    public void close() {
        for (var bean : beans) {
            if (bean instanceof NotificationEmitter emitter) {
                try {
                    emitter.removeNotificationListener(listener);
                } catch (ListenerNotFoundException e) {
                    // Registered in the constructor; nothing to undo if the bean dropped it.
                }
            }
        }
    }
}
