package online.niso.fleet.inventory;

import java.nio.file.Path;
import online.niso.common.model.PackageRef;

/** A local .niso file named by the stack, with the digest it was verified to have. */
public record Artifact(PackageRef ref, String digest, Path file) {}
