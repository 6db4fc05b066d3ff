package dev.jwasm.it.spec;

import dev.jwasm.api.Engine;
import dev.jwasm.api.Features;
import dev.jwasm.exec.jit.JitProvider;
import dev.jwasm.it.CustomMemoryProvider;
import dev.jwasm.spi.Backend;
import dev.jwasm.spi.ExecutorProvider;
import dev.jwasm.spi.MemoryProvider;
import java.util.List;
import java.util.ServiceLoader;

/** One executor and one memory backend, keyed {@code EXECUTOR+MEMORY} as in the summary. */
public record Combination(String executor, String memory) {
    public String key() {
        return executor + "+" + memory;
    }

    /** An engine with exactly these backends (engines are cheap; stores hold the state). */
    public Engine engine() {
        return engine(Features.defaults());
    }

    /**
     * An engine with these backends that accepts {@code features}. The JIT runs eager and strict,
     * reporting to {@link JitCoverage}: every function is compiled at instantiation, or the
     * coverage says why not.
     */
    public Engine engine(Features features) {
        var builder = Engine.builder().memory(memory).features(features);
        if (executor.equals(JitProvider.NAME)) {
            builder.executor(new JitProvider(JitCoverage.listener(key())))
                    .jitEager(true)
                    .jitStrict(true);
        } else {
            builder.executor(executor);
        }
        return builder.build();
    }

    /** Every pairing of the supported executors and memories on the module path, sorted. */
    public static List<Combination> available() {
        var executors = supported(ExecutorProvider.class);
        var memories = supported(MemoryProvider.class);
        return executors.stream()
                .flatMap(e -> memories.stream().map(m -> new Combination(e, m)))
                .toList();
    }

    private static <T extends Backend> List<String> supported(Class<T> spi) {
        return ServiceLoader.load(spi).stream()
                .map(ServiceLoader.Provider::get)
                .filter(Backend::isSupported)
                .filter(p -> !(p instanceof CustomMemoryProvider)) // the selection test's, not a real backend
                .map(Backend::name)
                .sorted()
                .toList();
    }
}
