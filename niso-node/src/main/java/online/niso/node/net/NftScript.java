package online.niso.node.net;

/**
 * Renders tables for {@code nft -f}: declare, delete and re-add the whole table in one file, which
 * nft applies as one transaction (the table is never seen half-written, and no other table is
 * touched). The table body is written exactly as {@code nft list table} prints it, so the live
 * listing can be compared with what niso rendered, byte for byte.
 */
public final class NftScript {
    private NftScript() {}

    /** The script for {@code nft -f}: "table" first so "delete" never fails on a fresh host. */
    public static String render(NftTable table) {
        String id = table.family() + " " + table.name();
        return "table " + id + "\ndelete table " + id + "\n" + listing(table);
    }

    /** What {@code nft list table FAMILY NAME} prints for this table (tabs, blank line between chains). */
    public static String listing(NftTable table) {
        StringBuilder sb = new StringBuilder("table ").append(table.family()).append(' ').append(table.name())
                .append(" {\n");
        for (int i = 0; i < table.chains().size(); i++) {
            NftTable.Chain c = table.chains().get(i);
            if (i > 0) {
                sb.append('\n');
            }
            sb.append("\tchain ").append(c.name()).append(" {\n");
            sb.append("\t\ttype ").append(c.type()).append(" hook ").append(c.hook()).append(" priority ")
                    .append(c.priority()).append("; policy accept;\n");
            for (String rule : c.rules()) {
                sb.append("\t\t").append(rule).append('\n');
            }
            sb.append("\t}\n");
        }
        return sb.append("}\n").toString();
    }

    /**
     * The whole ruleset as {@code niso net rules} prints it: the host table, then each service's
     * table under a comment naming its namespace. The live form is assembled the same way from
     * {@code nft list table} outputs, so the two are comparable.
     */
    public static String describe(String hostListing, java.util.List<String[]> serviceListings) {
        StringBuilder sb = new StringBuilder("# host\n").append(hostListing);
        for (String[] s : serviceListings) {
            sb.append("# service ").append(s[0]).append(" (netns ").append(NetNames.netns(s[0])).append(")\n")
                    .append(s[1]);
        }
        return sb.toString();
    }

    public static String describe(Ruleset r) {
        return describe(listing(r.host()), r.services().stream()
                .map(s -> new String[] {s.service(), listing(s.table())}).toList());
    }
}
