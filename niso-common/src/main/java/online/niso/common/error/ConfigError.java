package online.niso.common.error;

import java.util.Comparator;

/**
 * One problem in a configuration file, located precisely.
 * Rendered as {@code manifest.toml:14:1: isolation.resources.memory_max: expected a size like 512M, got "lots"}.
 *
 * @param file    file name as the user knows it (e.g. {@code manifest.toml})
 * @param line    1-based line, or 0 when the problem is about the whole file
 * @param column  1-based column, or 0 when unknown
 * @param keyPath dotted key path ({@code services[2].depends_on.db}); empty for whole-file problems
 * @param message what was expected and what was found
 */
public record ConfigError(String file, int line, int column, String keyPath, String message) {

    public static final Comparator<ConfigError> ORDER = Comparator.comparing(ConfigError::file)
            .thenComparingInt(ConfigError::line)
            .thenComparingInt(ConfigError::column)
            .thenComparing(ConfigError::keyPath)
            .thenComparing(ConfigError::message);

    public String render() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ");
        if (!keyPath.isEmpty()) {
            sb.append(keyPath).append(": ");
        }
        return sb.append(message).toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
