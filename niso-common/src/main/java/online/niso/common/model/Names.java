package online.niso.common.model;

import java.util.regex.Pattern;

/**
 * Name rules. Package, service, stack, host and volume names become systemd unit names
 * ({@code niso-<name>.service}), directory names and nftables identifiers, so they use one
 * strict charset. Network names are shorter because the bridge is {@code niso-<network>} and
 * Linux interface names have at most 15 characters.
 */
public final class Names {
    public static final int MAX_NAME = 63;
    public static final int MAX_NETWORK_NAME = 10;
    /** The built-in network; its bridge is {@code niso-default} and it may also be spelled so. */
    public static final String DEFAULT_NETWORK = "default";
    public static final String DEFAULT_NETWORK_BRIDGE = "niso-default";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._/-]*[A-Za-z0-9])?");
    private static final Pattern CREDENTIAL = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    private Names() {
    }

    public static boolean isName(String s) {
        return s.length() <= MAX_NAME && NAME.matcher(s).matches();
    }

    /** Validates a package/service/stack/host/volume name. */
    public static String name(String s) {
        if (!isName(s)) {
            throw InvalidValueException.expected("a name of lowercase letters, digits and single hyphens, "
                    + "starting with a letter, at most " + MAX_NAME + " characters (like my-api)", s);
        }
        return s;
    }

    /** Validates a network name; {@code niso-default} is accepted as a spelling of {@code default}. */
    public static String network(String s) {
        if (s.equals(DEFAULT_NETWORK_BRIDGE)) {
            return DEFAULT_NETWORK;
        }
        if (s.length() > MAX_NETWORK_NAME || !NAME.matcher(s).matches()) {
            throw InvalidValueException.expected("a network name of lowercase letters, digits and hyphens, "
                    + "at most " + MAX_NETWORK_NAME + " characters (the bridge niso-<name> must fit Linux's 15)", s);
        }
        return s;
    }

    public static String bridgeOf(String network) {
        return "niso-" + network;
    }

    public static boolean isEnvName(String s) {
        return ENV_NAME.matcher(s).matches();
    }

    public static String envName(String s) {
        if (!isEnvName(s)) {
            throw InvalidValueException.expected("an environment variable name like DATABASE_URL", s);
        }
        return s;
    }

    public static String labelKey(String s) {
        if (s.length() > 253 || !LABEL_KEY.matcher(s).matches()) {
            throw InvalidValueException.expected("a label key of letters, digits, '.', '_', '-' and '/' like niso.proxy.port", s);
        }
        return s;
    }

    /** systemd credential names (LoadCredential=): no '/', not "." or "..". */
    public static String credential(String s) {
        if (s.length() > 255 || !CREDENTIAL.matcher(s).matches() || s.equals(".") || s.equals("..")) {
            throw InvalidValueException.expected("a credential name of letters, digits, '_', '.' and '-' like db-password", s);
        }
        return s;
    }
}
