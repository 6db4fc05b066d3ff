package dev.jwasm.exec.jit.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The background compiler: one daemon thread for the whole JVM (compiling is CPU work, and the
 * interpreting threads go on meanwhile), a bounded queue of modules and loops to compile. Each
 * module and each loop is queued at most once at a time ({@link ModuleTier}'s claims), so the
 * bound is only hit by very many hot modules at once; then the request is refused and asked
 * again later.
 */
final class CompileQueue {
    private static final int CAPACITY = 256;
    private static final ThreadPoolExecutor THREAD = new ThreadPoolExecutor(
            1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(CAPACITY), task -> Thread.ofPlatform()
                    .daemon()
                    .name("jwasm-jit-compiler")
                    .unstarted(task));

    static {
        // No thread kept while there is nothing to compile.
        THREAD.allowCoreThreadTimeOut(true);
    }

    private CompileQueue() {}

    /** Queues {@code task}; false when the queue is full (the caller asks again later). */
    static boolean submit(Runnable task) {
        try {
            THREAD.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }
}
