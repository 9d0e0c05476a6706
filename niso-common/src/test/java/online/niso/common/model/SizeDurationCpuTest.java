package online.niso.common.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizeDurationCpuTest {
    @ParameterizedTest
    @CsvSource({"0,0,0", "1,1,1", "1023,1023,1023", "1K,1024,1K", "512M,536870912,512M", "1G,1073741824,1G",
            "2048M,2147483648,2G", "1T,1099511627776,1T", "1536K,1572864,1536K"})
    void parsesSizesBase1024AndRendersShortestSystemdForm(String text, long bytes, String systemd) {
        ByteSize s = ByteSize.parse(text);
        assertThat(s.bytes()).isEqualTo(bytes);
        assertThat(s.toSystemd()).isEqualTo(systemd);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "lots", "1GB", "1g", "512 M", "-1M", "1.5G", "M", "99999999999T", "0x10", "1KK"})
    void rejectsMalformedSizes(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text)).isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("expected a size like 512M");
    }

    @ParameterizedTest
    @CsvSource({"500ms,500,500ms,500ms", "30s,30000,30s,30s", "5m,300000,5m,300s", "1h30m,5400000,1h30m,5400s",
            "2d,172800000,2d,172800s", "1h0m5s,3605000,1h5s,3605s", "0s,0,0s,0s", "1m500ms,60500,1m500ms,60500ms"})
    void parsesDurations(String text, long millis, String canonical, String systemd) {
        Duration d = Durations.parse(text);
        assertThat(d.toMillis()).isEqualTo(millis);
        assertThat(Durations.format(d)).isEqualTo(canonical);
        assertThat(Durations.toSystemd(d)).isEqualTo(systemd);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "30", "30 s", "30sec", "1m1h", "30s30s", "1.5h", "-5s", "s", "5ms5s", "1h 30m", "PT30S"})
    void rejectsMalformedDurations(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("expected a duration like 500ms, 30s, 5m or 1h30m");
    }

    @ParameterizedTest
    @CsvSource({"1%,1", "50%,50", "200%,200", "100000%,100000"})
    void parsesCpuPercent(String text, int percent) {
        assertThat(CpuPercent.parse(text).percent()).isEqualTo(percent);
        assertThat(CpuPercent.parse(text).toSystemd()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"200", "0%", "100001%", "1.5%", "%", "two%", "-5%", " 5%"})
    void rejectsMalformedCpuPercent(String text) {
        assertThatThrownBy(() -> CpuPercent.parse(text)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("expected a CPU share like 200%");
    }
}
