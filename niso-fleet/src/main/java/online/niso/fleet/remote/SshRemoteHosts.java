package online.niso.fleet.remote;

import java.io.IOException;
import java.net.SocketAddress;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import online.niso.common.error.InvalidInputException;
import online.niso.common.model.HostSpec;
import online.niso.common.remote.RemoteException;
import online.niso.common.remote.RemoteHost;
import online.niso.common.remote.RemoteHosts;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * One MINA SSH client for the whole run and one session per host, opened on first use and reused for
 * every later call (exec channels multiplex over it). Host keys are checked against known_hosts:
 * unknown and changed keys are refused with the key's fingerprint, unless new keys are explicitly
 * accepted. Handshakes are capped by their own semaphore, separate from how many hosts work at once,
 * so a 100-host rollout does not trip sshd's MaxStartups. Connect failures are retried; nothing else.
 */
public final class SshRemoteHosts implements RemoteHosts {

    static final java.time.Duration HEARTBEAT_INTERVAL = java.time.Duration.ofSeconds(5);
    static final int HEARTBEAT_NO_REPLY_MAX = 3;

    private final SshOptions options;
    private final RetryPolicies retries;
    private final SshClient client;
    private final Semaphore handshakes;
    private final Map<String, SshRemoteHost> open = new ConcurrentHashMap<>();
    private final RecordingVerifier verifier;
    private final Map<String, Object> connectLocks = new ConcurrentHashMap<>();

    public SshRemoteHosts(SshOptions options, RetryPolicies retries) {
        this.options = options;
        this.retries = retries;
        this.handshakes = new Semaphore(options.maxConcurrentHandshakes());
        this.client = SshClient.setUpDefaultClient();
        // The fleet file is the single source of addresses and users; ~/.ssh/config must not redirect them.
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        this.verifier = new RecordingVerifier(options);
        client.setServerKeyVerifier(verifier);
        client.setKeyIdentityProvider(new FileKeyPairProvider(options.identityFiles()));
        if (!options.kexAlgorithms().isEmpty()) {
            client.setKeyExchangeFactories(keyExchanges(options.kexAlgorithms()));
        }
        CoreModuleProperties.IDLE_TIMEOUT.set(client, java.time.Duration.ofHours(2));
        // A host whose link is cut mid-call never sends FIN/RST: without keepalives its exec would hang until
        // the call's own timeout (healthy_deadline + margin). Unanswered keepalives close the session after
        // ~HEARTBEAT_INTERVAL × (NO_REPLY_MAX + 1), and the host is reported lost.
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, HEARTBEAT_INTERVAL);
        CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, HEARTBEAT_NO_REPLY_MAX);
        client.start();
    }

    @Override
    public RemoteHost get(HostSpec host) {
        SshRemoteHost existing = open.get(host.name());
        if (existing != null && existing.isOpen()) {
            return existing;
        }
        // Per-host lock: two threads wanting the same host share one connection, while different hosts
        // connect in parallel (bounded only by the handshake semaphore).
        synchronized (connectLocks.computeIfAbsent(host.name(), k -> new Object())) {
            existing = open.get(host.name());
            if (existing != null && existing.isOpen()) {
                return existing;
            }
            SshRemoteHost h = retries.idempotent(host.name() + "-connect", () -> connect(host));
            open.put(host.name(), h);
            return h;
        }
    }

    /**
     * [ssh] kex_algorithms, in the order given (the config parser has checked the names against the ones niso knows;
     * this refuses any that this MINA build cannot do rather than silently offering fewer).
     */
    static List<KeyExchangeFactory> keyExchanges(List<String> names) {
        BuiltinDHFactories.ParseResult parsed = BuiltinDHFactories.parseDHFactoriesList(String.join(",", names));
        if (!parsed.getUnsupportedFactories().isEmpty()) {
            throw new InvalidInputException("[ssh] kex_algorithms: not supported here: "
                    + String.join(", ", parsed.getUnsupportedFactories()));
        }
        return NamedFactory.setUpTransformedFactories(false, parsed.getParsedFactories(), ClientBuilder.DH2KEX);
    }

    /** How many sessions this client holds (for tests and the summary). */
    public int openSessions() {
        return (int) open.values().stream().filter(SshRemoteHost::isOpen).count();
    }

    private SshRemoteHost connect(HostSpec host) {
        String name = host.name();
        String user = host.address().user().orElseThrow(() ->
                new RemoteException(name, RemoteException.Kind.AUTH, "no ssh user for " + host.address()));
        String address = host.address().host().replaceAll("^\\[|\\]$", "");
        try {
            handshakes.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException(name, RemoteException.Kind.CONNECT, "interrupted while waiting to connect");
        }
        ClientSession session = null;
        try {
            session = connectFuture(user, address, host.address().port()).verify(options.connectTimeout()).getSession();
            try {
                session.auth().verify(options.connectTimeout());
            } catch (IOException e) {
                String rejected = verifier.rejections.remove(session);
                if (rejected != null) {
                    throw new RemoteException(name, RemoteException.Kind.HOST_KEY, rejected);
                }
                throw new RemoteException(name, RemoteException.Kind.AUTH, "ssh authentication as " + user + " failed: "
                        + e.getMessage());
            }
            return new SshRemoteHost(name, session);
        } catch (IOException e) {
            throw new RemoteException(name, RemoteException.Kind.CONNECT, "cannot connect to " + host.address() + ": "
                    + e.getMessage(), e);
        } catch (RemoteException e) {
            closeQuietly(session);
            throw e;
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw new RemoteException(name, RemoteException.Kind.CONNECT, "cannot connect to " + host.address() + ": " + e, e);
        } finally {
            handshakes.release();
        }
    }

    /**
     * Direct, or through the jump host (OpenSSH's ProxyJump: a direct-tcpip channel over an SSH session to
     * the bastion, whose host key is checked against the same known_hosts).
     */
    private org.apache.sshd.client.future.ConnectFuture connectFuture(String user, String address, int port) throws IOException {
        if (options.jumpHost().isEmpty()) {
            return client.connect(user, address, port);
        }
        online.niso.common.model.SshAddress j = options.jumpHost().get();
        String jump = j.user().orElse(user) + "@" + j.host() + ":" + j.port();
        return client.connect(new org.apache.sshd.client.config.hosts.HostConfigEntry("", address, port, user, jump), null, null);
    }

    private static void closeQuietly(ClientSession s) {
        if (s != null) {
            try {
                s.close(true);
            } catch (RuntimeException ignored) {
                // already failing; the original error is what matters
            }
        }
    }

    @Override
    public void close() {
        // All sessions at once: closing one by one cost a round trip per host at the end of every command.
        open.values().stream().map(SshRemoteHost::closeAsync).toList().forEach(SshRemoteHost::awaitClosed);
        open.clear();
        try {
            client.stop();
        } catch (RuntimeException ignored) {
            // closing
        }
    }

    /** known_hosts verification that leaves the refused key's fingerprint on the session for the error message. */
    private static final class RecordingVerifier extends KnownHostsServerKeyVerifier {
        /** Why a session's key was refused, read once its authentication fails (session attributes do not survive the close). */
        final Map<ClientSession, String> rejections = new ConcurrentHashMap<>();

        RecordingVerifier(SshOptions o) {
            super(o.acceptNewHostKeys() ? AcceptAllServerKeyVerifier.INSTANCE : RejectAllServerKeyVerifier.INSTANCE,
                    o.knownHosts());
        }

        @Override
        protected boolean acceptUnknownHostKey(ClientSession session, SocketAddress remote, PublicKey key) {
            boolean accepted = super.acceptUnknownHostKey(session, remote, key);
            if (!accepted) {
                rejections.put(session, "host key refused: " + remote + " is not in " + getPath() + " (its "
                        + KeyUtils.getKeyType(key) + " key is " + KeyUtils.getFingerPrint(key) + "); verify the fingerprint "
                        + "and add it to known_hosts, or opt in with --accept-new-host-keys");
            }
            return accepted;
        }

        @Override
        public boolean acceptModifiedServerKey(ClientSession session, SocketAddress remote, KnownHostEntry entry,
                                               PublicKey expected, PublicKey actual) throws Exception {
            rejections.put(session, "HOST KEY CHANGED for " + remote + ": known_hosts has "
                    + KeyUtils.getFingerPrint(expected) + ", the host presented " + KeyUtils.getKeyType(actual) + " "
                    + KeyUtils.getFingerPrint(actual) + " — possible man-in-the-middle or a rebuilt host; refused");
            return false;
        }
    }
}
