package online.niso.common.model;

public enum Protocol implements ConfigEnum {
    TCP, UDP;

    @Override
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
