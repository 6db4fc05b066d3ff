package dev.jwasm.internal.validate;

/**
 * A rule of spec chapter 3 is broken. Thrown by the validator's inner parts, which know the
 * message but not the byte offset or function index; the driver that walks a module catches it
 * and reports an {@code InvalidModuleException} carrying both. It never escapes the validator.
 */
final class ValidationFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ValidationFailure(String message) {
        // No stack trace: the message is the whole story and bad modules may be validated in bulk.
        super(message, null, false, false);
    }
}
