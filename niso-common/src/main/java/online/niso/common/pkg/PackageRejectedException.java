package online.niso.common.pkg;

import online.niso.common.error.InvalidInputException;

/** A package failed verification or a safety check; nothing was kept. The message names the member. */
public class PackageRejectedException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public PackageRejectedException(String message) {
        super(message);
    }

    public PackageRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
