package online.niso.common.model;

import java.util.List;
import java.util.Optional;

/**
 * [binary]: what to run. {@code entrypoint} is a file under the package's bin/ or, with a
 * [runtime], the runtime's interpreter (e.g. "node").
 */
public record BinarySpec(String entrypoint, List<String> args, Optional<String> workingDir) {
    public BinarySpec {
        args = List.copyOf(args);
    }

    /** Applies a stack's [service.binary] override; unset fields keep the package's values. */
    public BinarySpec with(BinaryOverride o) {
        return new BinarySpec(o.entrypoint().orElse(entrypoint), o.args().orElse(args),
                o.workingDir().isPresent() ? o.workingDir() : workingDir);
    }
}
