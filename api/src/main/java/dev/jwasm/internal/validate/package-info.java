/**
 * Validation of decoded modules (spec chapter 3), following the algorithm of the spec's appendix.
 *
 * <ul>
 *   <li>{@link dev.jwasm.internal.validate.ModuleValidator} is the entry point (public API:
 *       {@code WasmModule.validate()}): module-level rules, then every body.
 *   <li>{@link dev.jwasm.internal.validate.DefinedTypes} checks the type section and gives
 *       iso-recursive canonical ids and the subtype relation.
 *   <li>{@link dev.jwasm.internal.validate.FunctionValidator} type-checks a body as an
 *       {@code InstructionVisitor} on top of {@link dev.jwasm.internal.validate.OperandChecker},
 *       the appendix's operand and control stacks; constant expressions go through
 *       {@link dev.jwasm.internal.validate.ConstantExpressionValidator}.
 * </ul>
 *
 * <h2>How executors are fed</h2>
 * An executor passes a {@link dev.jwasm.internal.validate.CodeSink} to
 * {@code ModuleValidator.validate(module, sink)}. For each function the sink returns a downstream
 * {@code InstructionVisitor} (or null); the validator calls it with exactly the instructions of
 * the body, in order, each only after it validated. During each call the downstream may query
 * the {@link dev.jwasm.internal.validate.FunctionState}: stack heights before and after, operand
 * types, the resolved block type of a structured instruction or of the block an {@code end}
 * closes, the frame a branch targets ({@code frame(depth)} for {@code br_table}), and local
 * types. One pass therefore validates and lowers, like ASM's {@code MethodVisitor} chain.
 *
 * <p>Failures inside this package are {@code ValidationFailure}s carrying only the spec's message;
 * {@code ModuleValidator} turns them into {@code InvalidModuleException} with the byte offset and
 * function index.
 */
package dev.jwasm.internal.validate;
