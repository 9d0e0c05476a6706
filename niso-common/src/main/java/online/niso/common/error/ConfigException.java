package online.niso.common.error;

import java.util.List;

/** Every problem found in one or more configuration files, reported together. */
public class ConfigException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(errors.isEmpty() ? "invalid configuration" : errors.get(0).render()
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
        this.errors = errors.stream().sorted(ConfigError.ORDER).toList();
    }

    public List<ConfigError> errors() {
        return errors;
    }

    @Override
    public List<String> userMessages() {
        return errors.stream().map(ConfigError::render).toList();
    }
}
