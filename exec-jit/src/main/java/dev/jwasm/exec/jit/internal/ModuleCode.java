package dev.jwasm.exec.jit.internal;

/**
 * A module's generated class ({@code code}, null if compilation failed) and which of its
 * functions it holds; shared by all the module's instances.
 */
record ModuleCode(JitCode code, boolean[] compiled) {}
