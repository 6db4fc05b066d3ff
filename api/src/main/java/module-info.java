/**
 * The jwasm runtime core: the embedding API ({@code dev.jwasm.api}, its module model and code
 * model), the backend SPIs ({@code dev.jwasm.spi…}), and (in internal packages) the binary decoder,
 * validator and linker. Backends live in their own modules and are found through {@link
 * java.util.ServiceLoader}.
 */
// The qualified exports name jwasm's other modules, which are not present when this one compiles.
@SuppressWarnings("module")
module dev.jwasm.api {
    exports dev.jwasm.api;
    exports dev.jwasm.api.code;
    exports dev.jwasm.api.model;
    // The SPI a user may implement (a memory backend: MemoryProvider, LinearMemory) is public.
    exports dev.jwasm.spi;
    // The runtime's state and the validated code stream, for jwasm's executors, heaps and tools
    // (DESIGN.md "Embedding API vs SPI"): executors and GC heaps need them, embedders never do.
    exports dev.jwasm.spi.runtime to
            dev.jwasm.exec.interp,
            dev.jwasm.exec.jit,
            dev.jwasm.gc.arena,
            dev.jwasm.memory.heap,
            dev.jwasm.memory.mmap,
            dev.jwasm.wat,
            dev.jwasm.wasi,
            dev.jwasm.cli;
    exports dev.jwasm.spi.code to
            dev.jwasm.exec.interp,
            dev.jwasm.exec.jit;
    // The executors' numerics: shared by the interpreter and the JIT, not an API.
    exports dev.jwasm.api.numeric to
            dev.jwasm.exec.interp,
            dev.jwasm.exec.jit;
    // The state behind the API's handles, for jwasm's own modules (see Internals).
    exports dev.jwasm.internal.access to
            dev.jwasm.exec.interp,
            dev.jwasm.exec.jit,
            dev.jwasm.gc.arena,
            dev.jwasm.memory.heap,
            dev.jwasm.memory.mmap,
            dev.jwasm.wat,
            dev.jwasm.wasi,
            dev.jwasm.cli;

    uses dev.jwasm.spi.MemoryProvider;
    uses dev.jwasm.spi.ExecutorProvider;
    uses dev.jwasm.spi.GcHeapProvider;
}
