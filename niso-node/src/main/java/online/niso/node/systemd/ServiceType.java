package online.niso.node.systemd;

/** systemd's Type= values niso supports. */
public enum ServiceType {
    SIMPLE, ONESHOT, NOTIFY;

    public String systemdName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
