package dev.jwasm.exec.jit.internal;

import dev.jwasm.spi.runtime.InstanceState;

/**
 * One instance's generated code: {@code code} runs the functions whose index is set in {@code
 * compiled}; every other function of the instance stays on the interpreter.
 */
record CompiledModule(JitExecutor executor, JitCode code, boolean[] compiled) {
    boolean isCompiled(int index) {
        return code != null && compiled[index];
    }

    static CompiledModule of(InstanceState inst) {
        return (CompiledModule) inst.compiledModule();
    }
}
