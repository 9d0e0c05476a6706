package online.niso.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build records the CDS class list from this run; if a step starts failing, the build silently ships no
 * archive and every niso run starts slower. So: every step must succeed, and activation must have run for
 * real against the training root (its classes are the ones the hot path needs), health probes included.
 */
class CdsTrainingTest {
    @TempDir
    Path tmp;

    @Test
    void everyStepSucceedsIncludingActivationWithoutTouchingTheHost() throws Exception {
        try (HealthEndpoint health = HealthEndpoint.start()) {
            assertThat(CdsTraining.train(tmp, health)).isZero();
            assertThat(health.answered()).as("health probes answered").isPositive();
        }

        Path root = tmp.resolve("root");
        assertThat(root.resolve("etc/systemd/system/niso-cds-train.service")).exists();
        assertThat(root.resolve("opt/niso/services/cds-train/current/app").toRealPath().getFileName())
                .hasToString("2.0.0"); // rolled back to 1.0.0, then the fleet's activate of 2.0.0
        assertThat(root.resolve("opt/niso/state/niso.db")).exists();
    }
}
