package online.niso.common.pkg;

/** The only member types a .niso may contain. Hard links, devices, fifos and sparse files are refused. */
public enum EntryType {
    FILE("f"), DIRECTORY("d"), SYMLINK("l");

    private final String token;

    EntryType(String token) {
        this.token = token;
    }

    /** The one-letter type used in the canonical statement. */
    public String token() {
        return token;
    }
}
