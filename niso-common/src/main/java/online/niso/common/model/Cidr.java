package online.niso.common.model;

import java.util.regex.Pattern;

/** A network in CIDR form, "10.99.1.0/24"; host bits must be zero so the intent is unambiguous. */
public record Cidr(IpAddress address, int prefix) {
    private static final Pattern PREFIX = Pattern.compile("[0-9]{1,3}");

    public Cidr {
        int max = address.isV4() ? 32 : 128;
        if (prefix < 0 || prefix > max) {
            throw new InvalidValueException("prefix length must be 0.." + max + ", got " + prefix);
        }
    }

    // equals/hashCode written out, with the generated ones' meaning: a record's generated equals is an
    // invokedynamic whose first call spins method handles (~10-30 ms of a short niso run); this record is
    // compared on every version switch. RecordEqualityTest checks that every component is compared.
    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && address.equals(c.address) && prefix == c.prefix;
    }

    @Override
    public int hashCode() {
        return 31 * address.hashCode() + prefix;
    }

    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String expected = "a network like 10.99.1.0/24";
        if (slash < 0 || !PREFIX.matcher(text.substring(slash + 1)).matches()) {
            throw InvalidValueException.expected(expected, text);
        }
        IpAddress ip;
        try {
            ip = IpAddress.parse(text.substring(0, slash));
        } catch (InvalidValueException e) {
            throw InvalidValueException.expected(expected, text);
        }
        int prefix = Integer.parseInt(text.substring(slash + 1));
        if (prefix > (ip.isV4() ? 32 : 128)) {
            throw InvalidValueException.expected(expected + " (prefix at most " + (ip.isV4() ? 32 : 128) + ")", text);
        }
        Cidr c = new Cidr(ip, prefix);
        if (!c.networkAddress().equals(ip)) {
            throw InvalidValueException.expected(expected + " with the host bits zero (did you mean "
                    + c.networkAddress() + "/" + prefix + "?)", text);
        }
        return c;
    }

    public IpAddress networkAddress() {
        byte[] b = address.bytes();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - 8 * i));
            b[i] = (byte) (b[i] & (0xff << (8 - keep)));
        }
        return new IpAddress(b);
    }

    public boolean contains(IpAddress ip) {
        if (ip.isV4() != address.isV4()) {
            return false;
        }
        return new Cidr(ip, prefix).networkAddress().equals(address);
    }

    public boolean overlaps(Cidr other) {
        return other.address.isV4() == address.isV4()
                && (contains(other.address) || other.contains(address));
    }

    @Override
    public String toString() {
        return address + "/" + prefix;
    }
}
