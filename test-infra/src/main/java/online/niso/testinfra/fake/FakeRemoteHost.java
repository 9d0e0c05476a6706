package online.niso.testinfra.fake;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import online.niso.common.cmd.Cmd;
import online.niso.common.cmd.CmdResult;
import online.niso.common.remote.RemoteException;
import online.niso.common.remote.RemoteHost;

/** A RemoteHost that hands commands to a {@link FakeNode}; can be made unreachable to simulate a lost host. */
public final class FakeRemoteHost implements RemoteHost {
    private final FakeNode node;
    private final AtomicBoolean unreachable = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    public FakeRemoteHost(FakeNode node) {
        this.node = node;
    }

    public FakeNode node() {
        return node;
    }

    public void setUnreachable(boolean value) {
        unreachable.set(value);
    }

    /** A new connection to the same host (after the previous run closed it). */
    void reopen() {
        closed.set(false);
    }

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public String name() {
        return node.host();
    }

    @Override
    public CmdResult exec(Cmd cmd, Duration timeout) {
        check(timeout);
        return node.handle(cmd);
    }

    @Override
    public void upload(Path local, String remotePath, Duration timeout) {
        check(timeout);
        node.recordUpload(remotePath, local);
    }

    private void check(Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("every remote call needs a positive timeout, got " + timeout);
        }
        if (closed.get()) {
            throw new IllegalStateException(name() + ": used after close");
        }
        if (unreachable.get()) {
            throw new RemoteException(name(), RemoteException.Kind.CONNECT, "connection refused (fake)");
        }
    }

    @Override
    public void close() {
        closed.set(true);
    }
}
