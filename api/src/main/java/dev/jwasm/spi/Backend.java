package dev.jwasm.spi;

/**
 * What every backend provider tells the engine about itself, so that {@code Engine.builder()} can
 * choose among the providers {@link java.util.ServiceLoader} finds. Providers must be cheap to
 * construct: the engine instantiates every one on the module path to read these.
 */
public interface Backend {
    /** The short name users select this backend by, e.g. {@code "mmap"} or {@code "interp"}. */
    String name();

    /** Among supported providers of one SPI, the highest priority is the default. */
    int priority();

    /** Whether this backend can run on this platform (operating system, architecture, JVM). */
    default boolean isSupported() {
        return true;
    }

    /** Why {@link #isSupported()} is false, for error messages; empty when supported. */
    default String unsupportedReason() {
        return "";
    }
}
