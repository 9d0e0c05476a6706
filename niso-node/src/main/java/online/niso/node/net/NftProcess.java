package online.niso.node.net;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import online.niso.common.cmd.Cmd;
import online.niso.common.cmd.CmdResult;
import online.niso.common.cmd.ProcessRunner;
import online.niso.common.error.OperationFailedException;

/** {@link Nft} over the real {@code nft}, the script on stdin; in a service's namespace via {@code ip netns exec}. */
public final class NftProcess implements Nft {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String TABLE = RulesetGenerator.FAMILY + " " + RulesetGenerator.TABLE;

    private final ProcessRunner runner;

    public NftProcess(ProcessRunner runner) {
        this.runner = runner;
    }

    static Cmd in(Optional<String> netns, Cmd cmd) {
        return netns.map(ns -> cmd.prefixedBy(Cmd.of("ip", "netns", "exec", ns))).orElse(cmd);
    }

    @Override
    public void apply(Optional<String> netns, String script) {
        CmdResult r = runner.run(in(netns, Cmd.of("nft", "-f", "-")), script.getBytes(StandardCharsets.UTF_8), TIMEOUT);
        if (!r.ok()) {
            throw new OperationFailedException("nft rejected the niso ruleset: " + r.describe());
        }
    }

    @Override
    public Optional<String> list(Optional<String> netns) {
        CmdResult r = runner.run(in(netns, Cmd.of("nft", "list", "table", "inet", RulesetGenerator.TABLE)), TIMEOUT);
        return r.ok() ? Optional.of(r.stdout()) : Optional.empty();
    }

    @Override
    public void delete(Optional<String> netns) {
        // "table" first declares it if missing, so the delete always succeeds, in one transaction.
        apply(netns, "table " + TABLE + "\ndelete table " + TABLE + "\n");
    }
}
