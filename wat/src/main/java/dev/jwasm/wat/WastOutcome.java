package dev.jwasm.wat;

/** What running one {@code .wast} command gave: a status and, unless it passed, why. */
public record WastOutcome(Status status, String detail) {
    /** The three results a spec assertion can have. */
    public enum Status {
        PASSED,
        FAILED,
        SKIPPED
    }

    public static WastOutcome passed() {
        return new WastOutcome(Status.PASSED, "");
    }

    public static WastOutcome failed(String expected, String actual) {
        return new WastOutcome(Status.FAILED, "expected " + expected + ", got " + actual);
    }

    public static WastOutcome skipped(String reason) {
        return new WastOutcome(Status.SKIPPED, reason);
    }
}
