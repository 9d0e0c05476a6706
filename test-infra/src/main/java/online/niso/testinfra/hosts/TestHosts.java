package online.niso.testinfra.hosts;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import online.niso.testinfra.junit.RequiresRealHosts;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Boots {@link #count()} real test hosts once for the annotated test class and injects the {@link TestFleet}
 * into constructors, {@code @BeforeAll}/{@code @BeforeEach} methods and tests that declare a parameter of that
 * type. The fleet is torn down after the class. Needs root and Linux, like every {@link RequiresRealHosts} test:
 * skipped elsewhere, a failure when {@code niso.requireRealHosts=true}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@RequiresRealHosts(tools = {"ip", "nsenter", "unshare", "setsid", "flock", "ssh", "ssh-keygen"})
@ExtendWith(TestHostsExtension.class)
public @interface TestHosts {
    /** Number of hosts, named th1..thN. */
    int count() default 3;
}
