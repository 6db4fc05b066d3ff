/**
 * The binary decoder (spec chapter 5): {@link dev.jwasm.internal.binary.ModuleDecoder} turns bytes
 * into a {@link dev.jwasm.api.model.ModuleInfo}; {@link dev.jwasm.internal.binary.InstructionReader}
 * decodes one function body or constant expression into an {@link
 * dev.jwasm.api.code.InstructionVisitor}.
 *
 * <p>Decisions:
 *
 * <ul>
 *   <li>Reads follow the reference interpreter: bounded by the end of the input rather than the
 *       current section, sizes checked afterwards. That makes every {@code assert_malformed}
 *       message of the spec testsuite come out the same (a test checks all of them).
 *   <li>All bodies are read once while decoding, so malformed code is reported by decoding, not
 *       later by validation; validation reads them again with its own visitor.
 *   <li>Limits against hostile input: vector counts never allocate more than the bytes left could
 *       hold, at most {@value dev.jwasm.internal.binary.ModuleDecoder#MAX_LOCALS} locals per
 *       function, block nesting at most {@value
 *       dev.jwasm.internal.binary.InstructionReader#MAX_NESTING} (kept on an explicit stack, never
 *       the JVM's).
 *   <li>Three validity rules that the model cannot represent are reported while decoding as
 *       {@link dev.jwasm.api.InvalidModuleException}: a limits maximum below its minimum, limits
 *       of 2^63 and more, and a custom page size above 2^16.
 *   <li>A damaged {@code name} section is ignored, as custom sections never make a module
 *       malformed.
 * </ul>
 */
package dev.jwasm.internal.binary;
