package dev.jwasm.exec.jit;

import dev.jwasm.api.EngineConfig;
import dev.jwasm.exec.jit.internal.JitExecutor;
import dev.jwasm.spi.Executor;
import dev.jwasm.spi.ExecutorProvider;
import java.util.Objects;

/**
 * The JIT to JVM bytecode, preferred over the interpreter (higher priority): a module starts on
 * the interpreter and becomes one hidden class, compiled in the background, once one of its
 * functions is hot ({@link EngineConfig#jitThreshold()}; long loops move to compiled code by
 * on-stack replacement), or at instantiation in eager mode ({@link EngineConfig#jitEager()});
 * what it cannot compile runs on the interpreter, or fails in strict mode ({@link
 * EngineConfig#jitStrict()}).
 */
public final class JitProvider implements ExecutorProvider {
    public static final String NAME = "jit";

    private final JitListener listener;

    /** Instantiated by {@link java.util.ServiceLoader}. */
    public JitProvider() {
        this(JitListener.NONE);
    }

    /** A provider whose executors tell {@code listener} what they compile. */
    public JitProvider(JitListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 200;
    }

    @Override
    public Executor create(EngineConfig config) {
        return new JitExecutor(NAME, config, listener);
    }
}
