package online.niso.node.systemd;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import online.niso.common.error.InvalidInputException;

/**
 * ServiceSpec + InstallLayout → the unit files activation writes. Pure and deterministic: no
 * clock, no host lookups, sorted collections. Invalid or unrepresentable input raises
 * {@link InvalidInputException} naming the manifest field.
 */
public final class UnitGenerator {
    private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,199}");
    private static final Pattern PACKAGE_NAME = Pattern.compile("@?[A-Za-z0-9][A-Za-z0-9_.+/-]{0,199}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+~-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[A-Za-z0-9]+:[0-9a-f]{16,128}|[0-9a-f]{16,128}");
    private static final Pattern UNIT_NAME = Pattern.compile(
            "[A-Za-z0-9:_.@\\\\-]+\\.(service|socket|target|mount|automount|path|timer|slice|scope|device|swap)");

    public List<UnitFile> generate(ServiceSpec spec, InstallLayout layout) {
        return List.of(service(spec, layout));
    }

    /** The {@code niso-<name>.service} unit alone (the only unit today; sockets/timers may follow). */
    public UnitFile service(ServiceSpec spec, InstallLayout layout) {
        check("service.name", spec.name(), SERVICE_NAME);
        check("package.name", spec.packageName(), PACKAGE_NAME);
        check("package.version", spec.packageVersion(), VERSION);
        check("package.digest", spec.packageDigest(), DIGEST);

        Directives service = new Directives()
                .addAll(ExecDirectives.of(spec, layout))
                .addAll(MountDirectives.of(spec, layout))
                .addAll(isolation(spec));
        return new UnitFile(spec.unitName(), List.of(
                new Section("Unit", unitSection(spec)),
                new Section("Service", service.entries()),
                new Section("Install", List.of(new Entry("WantedBy", "multi-user.target")))));
    }

    private static Directives isolation(ServiceSpec spec) {
        Directives d = IsolationDirectives.of(spec);
        ResourceDirectives.apply(d, spec.isolation().resources());
        return d;
    }

    private static List<Entry> unitSection(ServiceSpec spec) {
        List<Entry> e = new ArrayList<>();
        // No version or digest here: the text must be the same for every version of one definition, so an
        // upgrade or rollback needs no daemon-reload. Which version runs is the `current` links' business
        // (and the state DB's); `niso status` reports it.
        e.add(new Entry("Description", "niso " + spec.name() + " (" + spec.packageName() + ")"));
        e.add(new Entry("X-Niso-Service", spec.name()));
        e.add(new Entry("X-Niso-Package", spec.packageName()));
        String after = units("service.after", spec.after());
        if (!after.isEmpty()) {
            e.add(new Entry("After", after));
        }
        String requires = units("service.requires", spec.requires());
        if (!requires.isEmpty()) {
            e.add(new Entry("Requires", requires));
        }
        String wants = units("service.wants", spec.wants());
        if (!wants.isEmpty()) {
            e.add(new Entry("Wants", wants));
        }
        return e;
    }

    /** Ordering is a set for systemd: sort and de-duplicate so the text is stable. */
    private static String units(String field, List<String> names) {
        TreeSet<String> sorted = new TreeSet<>();
        for (String n : names) {
            check(field, n, UNIT_NAME);
            sorted.add(n);
        }
        return String.join(" ", sorted);
    }

    private static void check(String field, String value, Pattern pattern) {
        SystemdEscaping.requireRepresentable(field, value);
        if (!pattern.matcher(value).matches()) {
            throw new InvalidInputException(field + ": invalid value \"" + SystemdEscaping.printable(value)
                    + "\" (expected " + pattern.pattern() + ")");
        }
    }
}
