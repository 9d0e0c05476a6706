package online.niso.common.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import online.niso.common.hash.Sha256;
import online.niso.common.model.PortMapping;
import online.niso.common.model.StackService;
import online.niso.common.model.StackVolume;

/**
 * Pure: a digest of everything a stack file says about one service, so that {@code stack up} can tell
 * "the file changed this service" without keeping the file. Environment values go into the digest (a changed
 * value must redeploy) but never into any text niso prints or stores: only the digest and the keys are kept.
 *
 * <p>The same function runs on both sides of the fleet: a host reports the digest (and the per-field digests
 * of {@link #fields}) of the definition it stores for a service, niso-fleet computes them from stack.toml.
 */
public final class ServiceConfigDigest {
    /** The names {@link #fields} reports, in canonical order. */
    public static final List<String> FIELDS = List.of("package", "ports", "networks", "depends_on", "type", "volumes",
            "environment", "binary");

    private ServiceConfigDigest() {}

    public static String of(StackService s) {
        return "sha256:" + Sha256.hex(canonical(s));
    }

    /**
     * One digest per field of {@link #FIELDS} (sorted by name), so a difference can be named ("environment",
     * "ports") without either side seeing the other's values. A field the service does not set has the digest
     * of the empty text. The name is left out: it is what the two sides match services by.
     */
    public static SortedMap<String, String> fields(StackService s) {
        Map<String, StringBuilder> byField = new TreeMap<>();
        FIELDS.forEach(f -> byField.put(f, new StringBuilder()));
        for (Section x : sections(s)) {
            if (!x.field().equals("name")) {
                byField.get(x.field()).append(x.text());
            }
        }
        SortedMap<String, String> out = new TreeMap<>();
        byField.forEach((f, text) -> out.put(f, "sha256:" + Sha256.hex(text.toString())));
        return out;
    }

    /** One line per field, in a fixed order, maps sorted (the records already sort them). */
    static String canonical(StackService s) {
        return sections(s).stream().map(Section::text).collect(Collectors.joining());
    }

    /** A piece of the canonical text and the field it belongs to. */
    private record Section(String field, String text) {}

    private static List<Section> sections(StackService s) {
        List<Section> out = new ArrayList<>();
        out.add(new Section("name", "name=" + s.name() + "\n"));
        out.add(new Section("package", "package=" + s.pkg() + "\n"));
        out.add(new Section("ports", "ports=" + s.ports().stream().map(PortMapping::toString).sorted()
                .collect(Collectors.joining(",")) + "\n"));
        out.add(new Section("networks", "networks=" + String.join(",", s.networks()) + "\n"));
        out.add(new Section("depends_on", "depends_on=" + s.dependsOn().entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue().configName()).collect(Collectors.joining(",")) + "\n"));
        out.add(new Section("type", "type=" + s.type().map(t -> t.configName()).orElse("") + "\n"));
        for (Map.Entry<String, StackVolume> v : s.volumes().entrySet()) {
            StackVolume vol = v.getValue();
            out.add(new Section("volumes", "volume=" + vol.name() + ":" + vol.mount() + ":" + vol.mode().configName()
                    + ":" + vol.exclusive() + "\n"));
        }
        for (Map.Entry<String, String> e : s.environment().entrySet()) {
            // length-prefixed so that "A=b\nC=d" cannot collide with a value containing a newline
            out.add(new Section("environment", "env=" + e.getKey() + ":" + e.getValue().length() + ":" + e.getValue()
                    + "\n"));
        }
        s.binary().ifPresent(b -> {
            b.entrypoint().ifPresent(x -> out.add(new Section("binary", "entrypoint=" + x.length() + ":" + x + "\n")));
            b.args().ifPresent(a -> out.add(new Section("binary", "args=" + a.stream().map(x -> x.length() + ":" + x)
                    .collect(Collectors.joining(",")) + "\n")));
            b.workingDir().ifPresent(x -> out.add(new Section("binary", "working_dir=" + x + "\n")));
        });
        return out;
    }
}
