package online.niso.testinfra.hosts;

/** One line of an instance's {@code hosts.tsv}: how to reach a test host. */
public record HostInfo(String name, String ip, int sshPort, String user) {}
