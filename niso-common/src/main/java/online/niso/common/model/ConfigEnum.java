package online.niso.common.model;

/** An enum whose constants are spelled in configuration files as {@link #configName()}. */
public interface ConfigEnum {
    String configName();

    static <E extends Enum<E> & ConfigEnum> E parse(Class<E> type, String text, String what) {
        for (E e : type.getEnumConstants()) {
            if (e.configName().equals(text)) {
                return e;
            }
        }
        java.util.List<String> names = java.util.Arrays.stream(type.getEnumConstants()).map(ConfigEnum::configName).toList();
        String hint = Texts.closest(text, names).map(s -> " (did you mean \"" + s + "\"?)").orElse("");
        throw new InvalidValueException("expected " + what + " (one of " + String.join(", ", names) + "), got "
                + Texts.quote(text) + hint);
    }
}
