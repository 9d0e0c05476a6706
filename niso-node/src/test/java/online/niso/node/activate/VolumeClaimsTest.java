package online.niso.node.activate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import online.niso.common.model.AccessMode;
import online.niso.common.model.PackageRef;
import online.niso.common.model.StackService;
import online.niso.common.model.StackVolume;
import org.junit.jupiter.api.Test;

class VolumeClaimsTest {
    static ServiceDefinition def(String service, String stack, StackVolume... volumes) {
        Map<String, StackVolume> vols = new java.util.TreeMap<>();
        for (StackVolume v : volumes) {
            vols.put(v.name(), v);
        }
        return new ServiceDefinition(service, "kv", Optional.of(stack), new StackService(service,
                PackageRef.parse("kv:1.0.0"), List.of(), List.of(), Map.of(), Optional.empty(), vols, Map.of(),
                Optional.empty()));
    }

    static StackVolume vol(String name, boolean exclusive) {
        return new StackVolume(name, "/" + name, exclusive, AccessMode.READ_WRITE);
    }

    @Test
    void exclusiveOnEitherSideConflictsWithinTheSameStackOnly() {
        ServiceDefinition db = def("db", "shop", vol("data", true));
        ServiceDefinition copy = def("copy", "shop", vol("data", false));
        assertThat(VolumeClaims.conflict(copy, Map.of("db", db))).get().asString()
                .contains("volume data of stack shop is exclusive and already mounted by active service db");
        assertThat(VolumeClaims.conflict(db, Map.of("copy", copy))).get().asString().contains("active service copy");
        // Another stack's "data" is another directory.
        assertThat(VolumeClaims.conflict(def("copy", "other", vol("data", true)), Map.of("db", db))).isEmpty();
        // The service itself (re-activation) is no conflict.
        assertThat(VolumeClaims.conflict(db, Map.of("db", db))).isEmpty();
    }

    @Test
    void sharedVolumesWithoutExclusiveAndPlainServicesAreFine() {
        ServiceDefinition api = def("api", "shop", vol("shared", false));
        ServiceDefinition migrate = def("migrate", "shop", vol("shared", false));
        assertThat(VolumeClaims.conflict(api, Map.of("migrate", migrate))).isEmpty();
        assertThat(VolumeClaims.conflict(ServiceDefinition.plain("x", "kv"), Map.of("migrate", migrate))).isEmpty();
    }
}
