package online.niso.common.model;

/** Volume access mode. */
public enum AccessMode implements ConfigEnum {
    READ_WRITE("rw"), READ_ONLY("ro");

    private final String configName;

    AccessMode(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
