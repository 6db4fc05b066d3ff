package dev.jwasm.api;

/** An engine was configured with something it cannot do, such as a backend that is not on the module path. */
public final class ConfigurationException extends JwasmException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
