package online.niso.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import online.niso.common.config.StackParser;
import online.niso.common.error.InvalidInputException;
import online.niso.common.model.Stack;
import online.niso.node.activate.ServiceDefinition;
import org.junit.jupiter.api.Test;

class DefinitionOptionsTest {
    static final Stack STACK = StackParser.parse("stack.toml", """
            [stack]
            name = "shop"
            [[service]]
            name = "api"
            package = "hello-api:1.0.0"
            """);
    static final ServiceDefinition STORED = ServiceDefinition.plain("api", "old-api");

    static ServiceDefinition choose(Optional<String> pkg, Optional<Stack> stack, Optional<String> from) {
        return DefinitionOptions.choose("api", pkg, stack, STORED, from, from.map(p -> Path.of("/tmp/" + p + ".niso")));
    }

    @Test
    void withoutOptionsTheStoredDefinition() {
        assertThat(choose(Optional.empty(), Optional.empty(), Optional.empty())).isSameAs(STORED);
    }

    @Test
    void packageGivesAPlainDefinitionAndStackTheStacksEntry() {
        assertThat(choose(Optional.of("hello-api"), Optional.empty(), Optional.empty()))
                .isEqualTo(ServiceDefinition.plain("api", "hello-api"));
        ServiceDefinition s = choose(Optional.empty(), Optional.of(STACK), Optional.of("hello-api"));
        assertThat(s.stack()).contains("shop");
        assertThat(s.packageName()).isEqualTo("hello-api");
        assertThat(s.requestedVersion()).contains("1.0.0");
        assertThat(choose(Optional.of("hello-api"), Optional.of(STACK), Optional.empty())).isEqualTo(s);
    }

    @Test
    void fromMustHoldTheEffectivePackageAndTheErrorNamesBoth() {
        assertThatThrownBy(() -> choose(Optional.empty(), Optional.empty(), Optional.of("hello-api")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--from /tmp/hello-api.niso holds package hello-api, but service api runs package old-api;"
                        + " pass --package hello-api to change it");
        assertThatThrownBy(() -> choose(Optional.of("x-api"), Optional.empty(), Optional.of("hello-api")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("runs package x-api");
        assertThatThrownBy(() -> choose(Optional.empty(), Optional.of(STACK), Optional.of("old-api")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("runs package hello-api (in the stack)");
        assertThat(choose(Optional.of("hello-api"), Optional.empty(), Optional.of("hello-api")).packageName())
                .isEqualTo("hello-api");
    }

    @Test
    void packageContradictingTheStackIsRefused() {
        assertThatThrownBy(() -> choose(Optional.of("other"), Optional.of(STACK), Optional.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--package other contradicts the stack, where service api runs package hello-api");
    }
}
