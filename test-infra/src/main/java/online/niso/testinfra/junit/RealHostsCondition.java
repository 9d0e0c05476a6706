package online.niso.testinfra.junit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Skips (or, when real hosts are required, fails) tests whose prerequisites are missing. */
public final class RealHostsCondition implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback {

    public static final String REQUIRE_PROPERTY = "niso.requireRealHosts";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<String> missing = missing(context);
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("root, Linux and tools present");
        }
        if (required()) {
            // Stay enabled so that the callbacks below fail loudly instead of skipping.
            return ConditionEvaluationResult.enabled("prerequisites missing but required: will fail");
        }
        return ConditionEvaluationResult.disabled("needs " + String.join(", ", missing)
                + " (set -D" + REQUIRE_PROPERTY + "=true to make this a failure)");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        failIfRequiredAndMissing(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        failIfRequiredAndMissing(context);
    }

    private static void failIfRequiredAndMissing(ExtensionContext context) {
        List<String> missing = missing(context);
        if (!missing.isEmpty() && required()) {
            throw new AssertionError("real-host test cannot run: needs " + String.join(", ", missing)
                    + "; " + REQUIRE_PROPERTY + "=true forbids skipping it");
        }
    }

    static boolean required() {
        return Boolean.getBoolean(REQUIRE_PROPERTY) || "1".equals(System.getenv("NISO_REQUIRE_REAL_HOSTS"));
    }

    static List<String> missing(ExtensionContext context) {
        List<String> missing = new ArrayList<>();
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            missing.add("Linux");
            return missing;
        }
        if (!isRoot()) {
            missing.add("root");
        }
        for (String tool : tools(context)) {
            if (findOnPath(tool).isEmpty()) {
                missing.add("'" + tool + "' on PATH");
            }
        }
        return missing;
    }

    private static List<String> tools(ExtensionContext context) {
        List<String> tools = new ArrayList<>();
        context.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, RequiresRealHosts.class))
                .ifPresent(a -> tools.addAll(List.of(a.tools())));
        context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, RequiresRealHosts.class))
                .ifPresent(a -> tools.addAll(List.of(a.tools())));
        return tools;
    }

    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0"); // effective uid
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    public static Optional<Path> findOnPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        List<String> dirs = new ArrayList<>(List.of(path.split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/local/sbin"));
        for (String dir : dirs) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
