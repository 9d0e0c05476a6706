package online.niso.node.cli;

import online.niso.common.json.Json;

/** Prints a result view either as one JSON document ({@code --json}) or as its human text. */
final class Output {
    private Output() {}

    static void print(NodeEnvironment env, boolean json, Views.View view) {
        if (json) {
            env.out().println(Json.line(view));
        } else {
            String text = view.text();
            if (!text.isEmpty()) {
                env.out().print(text.endsWith("\n") ? text : text + "\n");
            }
        }
        env.out().flush();
    }
}
