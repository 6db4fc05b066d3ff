package dev.jwasm.wat;

import java.util.List;

/** One command of a {@code .wast} script. Module ids are the written names such as "$M", or null. */
public sealed interface WastCommand {
    SourcePos pos();

    /** {@code (module $id? ...)} or {@code (module definition $id? ...)} (defined, not instantiated). */
    record Module(SourcePos pos, String id, boolean definitionOnly, ModuleSource source) implements WastCommand {}

    /** {@code (module instance $instance? $definition?)}. */
    record ModuleInstance(SourcePos pos, String instanceId, String definitionId) implements WastCommand {}

    /** {@code (register "name" $id?)}: make a module's exports importable under {@code name}. */
    record Register(SourcePos pos, String name, String module) implements WastCommand {}

    /** A bare {@code invoke} or {@code get}. */
    record Action(SourcePos pos, WastAction action) implements WastCommand {}

    record AssertReturn(SourcePos pos, WastAction action, List<WastResult> expected) implements WastCommand {
        public AssertReturn {
            expected = List.copyOf(expected);
        }
    }

    record AssertTrap(SourcePos pos, WastAction action, String message) implements WastCommand {}

    record AssertExhaustion(SourcePos pos, WastAction action, String message) implements WastCommand {}

    /** The action throws a WebAssembly exception. */
    record AssertException(SourcePos pos, WastAction action) implements WastCommand {}

    record AssertInvalid(SourcePos pos, ModuleSource module, String message) implements WastCommand {}

    record AssertMalformed(SourcePos pos, ModuleSource module, String message) implements WastCommand {}

    record AssertUnlinkable(SourcePos pos, ModuleSource module, String message) implements WastCommand {}

    /** Also what {@code (assert_trap (module ...) "msg")} means: instantiation traps. */
    record AssertUninstantiable(SourcePos pos, ModuleSource module, String message) implements WastCommand {}

    /** Custom-section variants (custom annotations tests): the module is malformed in a custom section. */
    record AssertMalformedCustom(SourcePos pos, ModuleSource module, String message) implements WastCommand {}

    record AssertInvalidCustom(SourcePos pos, ModuleSource module, String message) implements WastCommand {}
}
