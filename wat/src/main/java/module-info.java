/** The WebAssembly text format: {@code .wat} modules to the binary format, and {@code .wast} scripts. */
module dev.jwasm.wat {
    requires transitive dev.jwasm.api;

    exports dev.jwasm.wat;
}
