package online.niso.common.model;

import java.util.List;

/** [copy]: files and directories (relative to the manifest) that `niso pack` puts in the package. */
public record CopySpec(List<String> include) {
    public static final CopySpec NONE = new CopySpec(List.of());

    public CopySpec {
        include = List.copyOf(include);
    }
}
