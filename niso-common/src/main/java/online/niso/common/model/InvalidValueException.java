package online.niso.common.model;

/**
 * A configuration value did not have the expected form. The message is complete and user-facing,
 * e.g. {@code expected a size like 512M, got "lots"}; parsers prefix it with file, line and key path.
 * A dedicated type (not plain IllegalArgumentException) so that parsers never mistake a bug's
 * NumberFormatException for a user error.
 */
public final class InvalidValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidValueException(String message) {
        super(message);
    }

    /** {@code expected <expected>, got "<raw>"} with the raw text quoted and escaped. */
    public static InvalidValueException expected(String expected, String raw) {
        return new InvalidValueException("expected " + expected + ", got " + Texts.quote(raw));
    }
}
