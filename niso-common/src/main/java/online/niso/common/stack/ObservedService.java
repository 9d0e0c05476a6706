package online.niso.common.stack;

import java.util.List;

/**
 * One service of a stack as this host has it: what the last {@code stack up} recorded (package, config digest,
 * ports, environment KEYS, dependencies) combined with what runs now (the active version and the unit's state).
 *
 * @param version the version activated now (the {@code current} pointer), which may differ from what was recorded
 * @param state   how it is: {@code active}, {@code completed} (a oneshot that exited 0), {@code failed}, {@code inactive}…
 * @param ok      whether that state is what the service should be in (active, or completed for a oneshot)
 */
public record ObservedService(String service, String packageName, String version, String configDigest,
        List<String> ports, List<String> envKeys, List<String> dependsOn, String state, boolean ok) {
    public ObservedService {
        ports = List.copyOf(ports);
        envKeys = List.copyOf(envKeys).stream().sorted().toList();
        dependsOn = List.copyOf(dependsOn).stream().sorted().toList();
    }
}
