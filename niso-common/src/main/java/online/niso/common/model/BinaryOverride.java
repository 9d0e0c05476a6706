package online.niso.common.model;

import java.util.List;
import java.util.Optional;

/** A stack's [service.binary]: each present field replaces the package's [binary] field. */
public record BinaryOverride(Optional<String> entrypoint, Optional<List<String>> args, Optional<String> workingDir) {
    public BinaryOverride {
        args = args.map(List::copyOf);
    }
}
