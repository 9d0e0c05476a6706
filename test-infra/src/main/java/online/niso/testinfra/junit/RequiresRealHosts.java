package online.niso.testinfra.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test that needs root, Linux and the given tools (real systemd test hosts, nft, ...).
 *
 * <p>On a developer laptop such tests are skipped with a message naming what is missing. When the
 * system property {@code niso.requireRealHosts=true} is set (the README's test command sets it),
 * a missing prerequisite FAILS the test instead, so real-host coverage can never vanish silently.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RealHostsCondition.class)
public @interface RequiresRealHosts {
    /** Executables that must be on PATH, e.g. {@code "nft"}, {@code "systemd-nspawn"}. */
    String[] tools() default {};
}
