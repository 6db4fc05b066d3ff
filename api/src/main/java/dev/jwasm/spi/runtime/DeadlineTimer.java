package dev.jwasm.spi.runtime;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer thread behind every store's deadline: a daemon, created on first use, that only
 * flips flags, so it never keeps the JVM alive and never runs Wasm code.
 */
final class DeadlineTimer {
    private DeadlineTimer() {}

    private static final class Holder {
        static final ScheduledThreadPoolExecutor TIMER = create();

        private static ScheduledThreadPoolExecutor create() {
            var timer = new ScheduledThreadPoolExecutor(
                    1, Thread.ofPlatform().daemon().name("jwasm-deadline").factory());
            // Stores replace deadlines often; cancelled ones must not pile up in the queue.
            timer.setRemoveOnCancelPolicy(true);
            return timer;
        }
    }

    static ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        return Holder.TIMER.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    }
}
