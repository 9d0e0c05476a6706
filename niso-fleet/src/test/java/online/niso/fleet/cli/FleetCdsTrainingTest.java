package online.niso.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's class-list run works (else the distribution silently ships no niso-fleet.jsa). */
class FleetCdsTrainingTest {
    @Test
    void planAndStatusRunOverSshToTheLoopbackServer(@TempDir Path work) throws Exception {
        assertThat(FleetCdsTraining.train(work)).isZero();
    }
}
