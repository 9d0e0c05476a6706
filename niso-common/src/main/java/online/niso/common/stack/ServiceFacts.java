package online.niso.common.stack;

/** What the planner needs from a service's package manifest (read by the caller): is it a job, has it a check. */
public record ServiceFacts(boolean oneshot, boolean healthCheck) {
    public static final ServiceFacts PLAIN = new ServiceFacts(false, false);
}
