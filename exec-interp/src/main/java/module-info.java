/** The interpreter: each function lowered to a register IR and run by one dispatch loop. */
@SuppressWarnings("module") // the JIT is an optional module: absent when the interpreter is built
module dev.jwasm.exec.interp {
    requires transitive dev.jwasm.api;

    exports dev.jwasm.exec.interp;
    // The JIT compiles the interpreter's register IR and shares its operator helpers (TierSupport).
    exports dev.jwasm.exec.interp.internal to
            dev.jwasm.exec.jit;

    provides dev.jwasm.spi.ExecutorProvider with
            dev.jwasm.exec.interp.InterpreterProvider;
}
