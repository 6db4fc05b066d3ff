package dev.jwasm.it.spec;

import dev.jwasm.it.spec.SpecSummary.Outcome;

/** What running one script command gave: an outcome and, unless it passed, why. */
public record CommandOutcome(Outcome outcome, String detail) {
    static CommandOutcome passed() {
        return new CommandOutcome(Outcome.PASSED, "");
    }

    static CommandOutcome failed(String expected, String actual) {
        return new CommandOutcome(Outcome.FAILED, "expected " + expected + ", got " + actual);
    }

    static CommandOutcome skipped(String reason) {
        return new CommandOutcome(Outcome.SKIPPED, reason);
    }
}
