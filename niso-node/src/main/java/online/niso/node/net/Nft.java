package online.niso.node.net;

import java.util.Optional;

/**
 * niso's only access to nftables, always to the {@code inet niso} table: in the host's namespace
 * ({@code netns} empty) or in a service's. One real implementation ({@link NftProcess}), one fake.
 */
public interface Nft {
    /** Loads a script from {@link NftScript#render} with one {@code nft -f} (one transaction). */
    void apply(Optional<String> netns, String script);

    /** {@code nft list table inet niso}, or empty when the table does not exist. */
    Optional<String> list(Optional<String> netns);

    /** Deletes the {@code inet niso} table if present; never touches other tables. */
    void delete(Optional<String> netns);
}
