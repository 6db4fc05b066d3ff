/** The JIT: Wasm functions compiled to JVM bytecode with Byte Buddy, tiering up from the interpreter. */
module dev.jwasm.exec.jit {
    requires transitive dev.jwasm.api;
    requires dev.jwasm.exec.interp;
    requires net.bytebuddy;

    exports dev.jwasm.exec.jit;

    provides dev.jwasm.spi.ExecutorProvider with
            dev.jwasm.exec.jit.JitProvider;
}
