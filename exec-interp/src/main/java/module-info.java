/** The interpreter: each function lowered to a register IR and run by one dispatch loop. */
module dev.jwasm.exec.interp {
    requires transitive dev.jwasm.api;

    exports dev.jwasm.exec.interp;

    provides dev.jwasm.spi.ExecutorProvider with
            dev.jwasm.exec.interp.InterpreterProvider;
}
