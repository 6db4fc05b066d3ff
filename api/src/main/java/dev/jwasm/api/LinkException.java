package dev.jwasm.api;

/** A module cannot be instantiated against the given imports (spec 4.5.4, "unlinkable"). */
public final class LinkException extends JwasmException {
    private static final long serialVersionUID = 1L;

    public LinkException(String message) {
        super(message);
    }
}
