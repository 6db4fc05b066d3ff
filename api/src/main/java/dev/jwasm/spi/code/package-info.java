/**
 * The validator's per-instruction state, for executors that lower a function body in one pass
 * over the validated operator stream (DESIGN.md "Execution"): see {@link dev.jwasm.spi.code.ValidatedState}
 * and {@link dev.jwasm.spi.runtime.WasmFunctionInstance#lower}.
 */
package dev.jwasm.spi.code;
