package online.niso.common.model;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** [isolation.resources] and [isolation.resources.ulimits]; ulimits keyed by lowercase rlimit name. */
public record Resources(Optional<ByteSize> memoryMax, Optional<ByteSize> memoryHigh, Optional<CpuPercent> cpuMax,
                        OptionalInt pidsLimit, Optional<ByteSize> shmSize, OptionalInt ioWeight,
                        Map<String, Ulimit> ulimits) {
    public static final Resources NONE = new Resources(Optional.empty(), Optional.empty(), Optional.empty(),
            OptionalInt.empty(), Optional.empty(), OptionalInt.empty(), Immutables.sorted(Map.<String, Ulimit>of()));

    public Resources {
        ulimits = Immutables.sorted(ulimits);
    }
}
