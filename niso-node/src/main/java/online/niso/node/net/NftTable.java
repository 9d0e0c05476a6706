package online.niso.node.net;

import java.util.List;

/** An nftables table as data (knftables style): rendered by {@link NftScript}, never edited in place. */
public record NftTable(String family, String name, List<Chain> chains) {
    public NftTable {
        chains = List.copyOf(chains);
    }

    /** A base chain: type/hook/priority as nft spells them in {@code nft list} output, then its rules. */
    public record Chain(String name, String type, String hook, String priority, List<String> rules) {
        public Chain {
            rules = List.copyOf(rules);
        }
    }
}
