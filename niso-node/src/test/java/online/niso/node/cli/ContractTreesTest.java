package online.niso.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import online.niso.common.json.Json;
import online.niso.node.cli.ContractViews.ActivateDoc;
import online.niso.node.cli.ContractViews.DeactivateDoc;
import online.niso.node.cli.ContractViews.DefinitionDoc;
import online.niso.node.cli.ContractViews.FailureDoc;
import online.niso.node.cli.ContractViews.PackageDoc;
import online.niso.node.cli.ContractViews.ServiceDoc;
import online.niso.node.cli.ContractViews.StatusDoc;
import online.niso.node.cli.ContractViews.VersionDoc;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract documents build their own JSON trees (so {@code --json} never builds the ObjectMapper); the
 * records keep their Jackson annotations as the reference. For seeded random documents — nulls, empty lists,
 * quotes, control characters, non-ASCII, large numbers — the printed text must be exactly the mapper's.
 */
class ContractTreesTest {
    private static final String ALPHABET = "ab-_.:/ \"\\\n\t\u0001é€😀";

    static Stream<Long> seeds() {
        return IntStream.range(0, 300).mapToObj(i -> 0xC0FFEEL * 31 + i);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyDocumentPrintsWhatTheMapperPrints(long seed) {
        Random r = new Random(seed);
        for (Views.TreeView doc : List.of(status(r), activate(r), new DeactivateDoc(text(r), text(r)))) {
            assertThat(Output.json(doc)).as("seed %d, %s", seed, doc.getClass().getSimpleName())
                    .isEqualTo(Json.line(doc));
        }
    }

    private static StatusDoc status(Random r) {
        List<ServiceDoc> services = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            services.add(new ServiceDoc(text(r), text(r), text(r), text(r), text(r), maybe(r, () -> version(r)),
                    text(r), text(r), text(r), text(r), maybe(r, () -> definition(r))));
        }
        List<PackageDoc> packages = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            packages.add(new PackageDoc(text(r), text(r), text(r)));
        }
        return new StatusDoc(text(r), text(r), services, packages);
    }

    private static ActivateDoc activate(Random r) {
        long duration = switch (r.nextInt(3)) {
            case 0 -> r.nextInt(100_000);
            case 1 -> r.nextLong();
            default -> 0;
        };
        return new ActivateDoc(text(r), text(r), maybe(r, () -> version(r)), maybe(r, () -> version(r)), text(r),
                duration, maybe(r, () -> new FailureDoc(text(r), text(r), text(r), text(r))));
    }

    private static VersionDoc version(Random r) {
        return new VersionDoc(text(r), text(r));
    }

    private static DefinitionDoc definition(Random r) {
        List<String> keys = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            keys.add(text(r));
        }
        SortedMap<String, String> fields = new TreeMap<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            fields.put(text(r) + i, text(r));
        }
        return new DefinitionDoc(text(r), keys, fields);
    }

    /** Mostly short text from an alphabet with JSON's special cases; sometimes null or empty. */
    private static String text(Random r) {
        int kind = r.nextInt(10);
        if (kind == 0) {
            return null;
        }
        if (kind == 1) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        int[] cps = ALPHABET.codePoints().toArray();
        for (int i = 1 + r.nextInt(12); i > 0; i--) {
            sb.appendCodePoint(cps[r.nextInt(cps.length)]);
        }
        return sb.toString();
    }

    private static <T> T maybe(Random r, java.util.function.Supplier<T> value) {
        return r.nextInt(3) == 0 ? null : value.get();
    }
}
