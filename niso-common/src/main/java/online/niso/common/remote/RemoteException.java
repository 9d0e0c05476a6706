package online.niso.common.remote;

import online.niso.common.error.OperationFailedException;

/** A remote call that did not produce a result. {@link Kind} decides whether retrying can help. */
public class RemoteException extends OperationFailedException {

    public enum Kind {
        /** TCP connect or SSH handshake failed: retryable. */
        CONNECT(true),
        /** The host key is unknown or changed: never retried, it needs a person. */
        HOST_KEY(false),
        /** The server refused our keys. */
        AUTH(false),
        /** The call did not finish in time: retryable only for idempotent reads. */
        TIMEOUT(true),
        /** The session broke mid-call. */
        IO(true);

        private final boolean transientFailure;

        Kind(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        public boolean transientFailure() {
            return transientFailure;
        }
    }

    private final String host;
    private final Kind kind;

    public RemoteException(String host, Kind kind, String message) {
        super(host + ": " + message);
        this.host = host;
        this.kind = kind;
    }

    public RemoteException(String host, Kind kind, String message, Throwable cause) {
        super(host + ": " + message, cause);
        this.host = host;
        this.kind = kind;
    }

    public String host() {
        return host;
    }

    public Kind kind() {
        return kind;
    }
}
