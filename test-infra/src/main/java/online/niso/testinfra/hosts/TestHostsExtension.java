package online.niso.testinfra.hosts;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/** Starts one {@link TestFleet} per test class annotated {@link TestHosts} and closes it after the class. */
public final class TestHostsExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TestHostsExtension.class);
    private static final String KEY = "fleet";

    @Override
    public void beforeAll(ExtensionContext context) {
        int count = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), TestHosts.class)
                .map(TestHosts::count)
                .orElseThrow(() -> new IllegalStateException("TestHostsExtension needs @TestHosts on the class"));
        context.getStore(NS).put(KEY, TestFleet.start(count));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TestFleet fleet = context.getStore(NS).remove(KEY, TestFleet.class);
        if (fleet != null) {
            fleet.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestFleet.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // Method-level contexts see the class-level store through their parent chain.
        TestFleet fleet = context.getStore(NS).get(KEY, TestFleet.class);
        if (fleet == null) {
            throw new ParameterResolutionException("no test fleet: is the class annotated @TestHosts?");
        }
        return fleet;
    }
}
