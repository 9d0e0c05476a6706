package online.niso.fleet.inventory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import online.niso.common.error.InvalidInputException;
import online.niso.common.model.PackageRef;
import online.niso.common.pkg.PackageRejectedException;
import online.niso.common.pkg.PackageVerifier;
import online.niso.common.pkg.TrustPolicy;
import online.niso.common.pkg.VerifiedPackage;

/**
 * Finds the local .niso file for each package the stack names ({@code <name>-<version>-<arch>.niso} in
 * the artifacts directory) and verifies it completely, so the digest the plan pins is the digest of a
 * sound package. Signature trust is the hosts' decision (their trusted-keys); here the package must
 * only be internally consistent. All problems are reported together.
 */
public final class ArtifactResolver {

    private ArtifactResolver() {}

    public static Map<PackageRef, Artifact> resolve(Path dir, Collection<PackageRef> refs) {
        List<String> problems = new ArrayList<>();
        Map<PackageRef, Artifact> out = new TreeMap<>();
        for (PackageRef ref : new TreeSet<>(refs)) {
            List<Path> candidates = candidates(dir, ref);
            if (candidates.isEmpty()) {
                problems.add("no package file for " + ref + ": expected " + dir.resolve(ref.name() + "-" + ref.version()
                        + "-<arch>.niso") + " (build it with `niso pack`)");
            } else if (candidates.size() > 1) {
                problems.add("several package files for " + ref + " in " + dir + ": "
                        + String.join(", ", candidates.stream().map(p -> p.getFileName().toString()).toList())
                        + "; keep exactly one");
            } else {
                try {
                    VerifiedPackage v = PackageVerifier.verify(candidates.get(0), TrustPolicy.none().withAllowUnsigned(true));
                    out.put(ref, new Artifact(ref, v.digest(), candidates.get(0)));
                } catch (PackageRejectedException e) {
                    problems.add(candidates.get(0) + ": " + e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(String.join("\n", problems));
        }
        return out;
    }

    private static List<Path> candidates(Path dir, PackageRef ref) {
        List<Path> out = new ArrayList<>();
        String prefix = ref.name() + "-" + ref.version() + "-";
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, prefix + "*.niso")) {
            for (Path p : ds) {
                // "api-1.0.0-" must not match "api-1.0.0-rc1-amd64.niso": the arch part has no dash.
                String arch = p.getFileName().toString().substring(prefix.length()).replaceFirst("\\.niso$", "");
                if (!arch.contains("-") && Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot list artifacts directory " + dir + ": " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }
}
