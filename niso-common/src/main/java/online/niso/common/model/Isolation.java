package online.niso.common.model;

/** [isolation]: a preset plus field-level overrides (empty Optionals mean "as the preset says"). */
public record Isolation(Preset preset, Resources resources, Security security) {
    public static final Isolation DEFAULT = new Isolation(Preset.SERVER, Resources.NONE, Security.PRESET);

    public enum Preset implements ConfigEnum {
        NONE, MINIMAL, SERVER, STRICT, WORKER, DATABASE;

        @Override
        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
