/**
 * The instruction vocabulary shared by every part of jwasm: {@link dev.jwasm.api.code.Opcode}
 * (one constant per binary opcode, with mnemonic, encoding, immediate kind and, for
 * fixed-signature operators, operand and result types) and {@link
 * dev.jwasm.api.code.InstructionVisitor}, which receives decoded instructions with one method per
 * immediate kind.
 *
 * <p>Decisions other modules rely on:
 *
 * <ul>
 *   <li>{@code select}, {@code ref.test} and {@code ref.cast} each have two binary opcodes and
 *       so two constants sharing one mnemonic; lookup by mnemonic gives the plain one.
 *   <li>ref.test/ref.cast report a {@link dev.jwasm.api.model.RefType} whose nullability comes
 *       from the opcode; br_on_cast folds its flag byte into the two reference types.
 *   <li>Memory instruction signatures leave out the address operand, whose type depends on the
 *       memory; memarg offsets are reported as unsigned 64-bit values.
 *   <li>Indexes that do not fit a non-negative int are reported as {@link Integer#MAX_VALUE}:
 *       always out of range, never negative.
 * </ul>
 */
package dev.jwasm.api.code;
