package online.niso.node.cli;

import online.niso.common.json.Json;
import online.niso.common.json.JsonTrees;

/** Prints a result view either as one JSON document ({@code --json}) or as its human text. */
final class Output {
    private Output() {}

    static void print(NodeEnvironment env, boolean json, Views.View view) {
        if (json) {
            env.out().println(json(view));
        } else {
            String text = view.text();
            if (!text.isEmpty()) {
                env.out().print(text.endsWith("\n") ? text : text + "\n");
            }
        }
        env.out().flush();
    }

    /** The {@code --json} document of {@code view}: its own tree where it builds one, else the mapper's. */
    static String json(Views.View view) {
        return view instanceof Views.TreeView t ? JsonTrees.line(t.tree()) : Json.line(view);
    }
}
