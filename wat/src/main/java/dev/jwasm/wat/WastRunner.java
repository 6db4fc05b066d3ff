package dev.jwasm.wat;

import dev.jwasm.api.InvalidModuleException;
import dev.jwasm.api.JwasmException;
import dev.jwasm.api.MalformedModuleException;
import dev.jwasm.api.WasmModule;

/**
 * Runs the commands of a {@code .wast} script (the spec interpreter's script format).
 *
 * <p>What is checked today: every module command must encode (text and quote through the WAT
 * parser) and be accepted by the decoder and validator; {@code assert_malformed} must be rejected
 * by the WAT parser or the decoder (never only by the validator), for binary modules with the
 * spec's leading message text;
 * {@code assert_invalid} must be rejected by the validator with the spec's leading message text;
 * {@code assert_unlinkable}/{@code assert_uninstantiable} modules must at least compile. Commands
 * that need an instance (invoke, assert_return, assert_trap, register, …) are skipped, with that
 * reason, until an executor can instantiate modules.
 */
public final class WastRunner {
    /** Why commands that need an instance are skipped today. */
    public static final String NO_EXECUTION =
            "needs instantiation and execution, which no executor provides yet (interpreter issue)";

    /** A runner for scripts whose modules are compiled but not yet instantiated. */
    public WastRunner() {}

    /** Runs one command; anything jwasm throws for bad input is part of the outcome, never thrown. */
    public WastOutcome run(WastCommand command) {
        return switch (command) {
            case WastCommand.Module m -> expectValid(m.source());
            case WastCommand.AssertMalformed m -> expectMalformed(m.module(), m.message());
            case WastCommand.AssertMalformedCustom m -> expectMalformed(m.module(), m.message());
            case WastCommand.AssertInvalid m -> expectInvalid(m.module(), m.message());
            case WastCommand.AssertInvalidCustom m -> expectInvalid(m.module(), m.message());
            case WastCommand.AssertUnlinkable m -> compilesThenSkip(m.module());
            case WastCommand.AssertUninstantiable m -> compilesThenSkip(m.module());
            case WastCommand.ModuleInstance _,
                    WastCommand.Register _,
                    WastCommand.Action _,
                    WastCommand.AssertReturn _,
                    WastCommand.AssertTrap _,
                    WastCommand.AssertExhaustion _,
                    WastCommand.AssertException _ -> WastOutcome.skipped(NO_EXECUTION);
        };
    }

    /** Text and quoted modules go through the WAT parser; binary ones straight to the decoder. */
    public static byte[] encode(ModuleSource source) {
        return switch (source) {
            case ModuleSource.Binary b -> b.bytes();
            case ModuleSource.Text t -> Wat.toBinary(t.text());
            case ModuleSource.Quote q -> Wat.toBinary(q.text());
        };
    }

    private static WasmModule compile(ModuleSource source) {
        return WasmModule.decode(encode(source)).validate();
    }

    private static WastOutcome expectValid(ModuleSource source) {
        try {
            compile(source);
            return WastOutcome.passed();
        } catch (JwasmException e) {
            return WastOutcome.failed("a valid module", describe(e));
        }
    }

    private static WastOutcome compilesThenSkip(ModuleSource source) {
        var compiled = expectValid(source);
        return compiled.status() == WastOutcome.Status.PASSED ? WastOutcome.skipped(NO_EXECUTION) : compiled;
    }

    private static WastOutcome expectMalformed(ModuleSource source, String message) {
        try {
            compile(source);
            return WastOutcome.failed("malformed: \"" + message + "\"", "a valid module");
        } catch (WatException e) {
            // Only text reaches the parser, whose wording is its own: the reference interpreter's
            // text-format messages are not part of the spec.
            return WastOutcome.passed();
        } catch (MalformedModuleException e) {
            // Binary modules must fail for the spec's reason; malformed text that the parser let
            // through but that encodes to malformed bytes is still rejected as malformed.
            boolean binary = source instanceof ModuleSource.Binary;
            return !binary || e.getMessage().startsWith(message)
                    ? WastOutcome.passed()
                    : WastOutcome.failed("malformed: \"" + message + "\"", describe(e));
        } catch (JwasmException e) {
            return WastOutcome.failed("malformed: \"" + message + "\"", describe(e));
        }
    }

    private static WastOutcome expectInvalid(ModuleSource source, String message) {
        try {
            compile(source);
            return WastOutcome.failed("invalid: \"" + message + "\"", "a valid module");
        } catch (InvalidModuleException e) {
            return e.getMessage().startsWith(message)
                    ? WastOutcome.passed()
                    : WastOutcome.failed("invalid: \"" + message + "\"", describe(e));
        } catch (JwasmException e) {
            return WastOutcome.failed("invalid: \"" + message + "\"", describe(e));
        }
    }

    private static String describe(JwasmException e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
