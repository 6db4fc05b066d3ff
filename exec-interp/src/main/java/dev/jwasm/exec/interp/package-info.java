/**
 * The register-IR interpreter backend, found by {@link java.util.ServiceLoader} as the executor
 * named {@value dev.jwasm.exec.interp.InterpreterProvider#NAME}.
 */
package dev.jwasm.exec.interp;
