package online.niso.fleet.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

/** The outside world as seen by niso-fleet commands; tests supply their own. */
public record FleetEnvironment(PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock,
        boolean interactive) {}
