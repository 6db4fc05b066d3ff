/**
 * The jwasm runtime core: the embedding API, the backend SPIs, and (in internal packages) the
 * binary decoder, validator and linker. Backends live in their own modules and are found through
 * {@link java.util.ServiceLoader}.
 */
module dev.jwasm.api {
    exports dev.jwasm.api;
    exports dev.jwasm.api.code;
    exports dev.jwasm.api.model;
    exports dev.jwasm.api.numeric;
    exports dev.jwasm.spi;
    exports dev.jwasm.spi.code;
    exports dev.jwasm.spi.runtime;

    uses dev.jwasm.spi.MemoryProvider;
    uses dev.jwasm.spi.ExecutorProvider;
    uses dev.jwasm.spi.GcHeapProvider;
}
