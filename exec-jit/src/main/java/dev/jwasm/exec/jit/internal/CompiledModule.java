package dev.jwasm.exec.jit.internal;

import dev.jwasm.spi.runtime.InstanceState;

/**
 * What the JIT keeps in one instance ({@link InstanceState#compiledModule}): its executor and its
 * module's {@link ModuleTier}, which holds the generated code of each function once compiled;
 * until then, and for the functions without it, the instance runs on the interpreter.
 */
record CompiledModule(JitExecutor executor, ModuleTier tier) {
    /** Whether function {@code index} has compiled code now. */
    boolean isCompiled(int index) {
        return tier.code(index) != null;
    }

    /** The class with function {@code index}'s code; only once {@link #isCompiled} said so. */
    JitCode code(int index) {
        return tier.code(index);
    }

    /** The module's one class when it is compiled whole (eager mode, threshold 0), else null. */
    JitCode code() {
        ModuleCode module = tier.code();
        return module == null ? null : module.code();
    }

    static CompiledModule of(InstanceState inst) {
        return (CompiledModule) inst.compiledModule();
    }
}
