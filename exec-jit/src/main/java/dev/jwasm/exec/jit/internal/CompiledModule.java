package dev.jwasm.exec.jit.internal;

import dev.jwasm.spi.runtime.InstanceState;

/**
 * What the JIT keeps in one instance ({@link InstanceState#compiledModule}): its executor and its
 * module's {@link ModuleTier}, which holds the generated code once the module is compiled; until
 * then, and for the functions the code lacks, the instance runs on the interpreter.
 */
record CompiledModule(JitExecutor executor, ModuleTier tier) {
    /** Whether function {@code index} has compiled code now. */
    boolean isCompiled(int index) {
        ModuleCode code = tier.code();
        return code != null && code.code() != null && code.compiled()[index];
    }

    /** The generated code; only once {@link #isCompiled} said so for some function. */
    JitCode code() {
        return tier.code().code();
    }

    static CompiledModule of(InstanceState inst) {
        return (CompiledModule) inst.compiledModule();
    }
}
