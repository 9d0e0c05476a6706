package online.niso.common.stack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;
import online.niso.common.model.PortMapping;
import online.niso.common.model.StackService;
import online.niso.common.model.StackVolume;

/**
 * Pure: a digest of everything a stack file says about one service, so that {@code stack up} can tell
 * "the file changed this service" without keeping the file. Environment values go into the digest (a changed
 * value must redeploy) but never into any text niso prints or stores: only the digest and the keys are kept.
 */
public final class ServiceConfigDigest {
    private ServiceConfigDigest() {}

    public static String of(StackService s) {
        return "sha256:" + sha256(canonical(s));
    }

    /** One line per field, in a fixed order, maps sorted (the records already sort them). */
    static String canonical(StackService s) {
        StringBuilder sb = new StringBuilder();
        sb.append("name=").append(s.name()).append('\n');
        sb.append("package=").append(s.pkg()).append('\n');
        sb.append("ports=").append(s.ports().stream().map(PortMapping::toString).sorted()
                .collect(Collectors.joining(","))).append('\n');
        sb.append("networks=").append(String.join(",", s.networks())).append('\n');
        sb.append("depends_on=").append(s.dependsOn().entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue().configName()).collect(Collectors.joining(","))).append('\n');
        sb.append("type=").append(s.type().map(t -> t.configName()).orElse("")).append('\n');
        for (Map.Entry<String, StackVolume> v : s.volumes().entrySet()) {
            StackVolume vol = v.getValue();
            sb.append("volume=").append(vol.name()).append(':').append(vol.mount()).append(':')
                    .append(vol.mode().configName()).append(':').append(vol.exclusive()).append('\n');
        }
        for (Map.Entry<String, String> e : s.environment().entrySet()) {
            // length-prefixed so that "A=b\nC=d" cannot collide with a value containing a newline
            sb.append("env=").append(e.getKey()).append(':').append(e.getValue().length()).append(':')
                    .append(e.getValue()).append('\n');
        }
        s.binary().ifPresent(b -> {
            b.entrypoint().ifPresent(x -> sb.append("entrypoint=").append(x.length()).append(':').append(x).append('\n'));
            b.args().ifPresent(a -> sb.append("args=").append(a.stream().map(x -> x.length() + ":" + x)
                    .collect(Collectors.joining(","))).append('\n'));
            b.workingDir().ifPresent(x -> sb.append("working_dir=").append(x).append('\n'));
        });
        return sb.toString();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
