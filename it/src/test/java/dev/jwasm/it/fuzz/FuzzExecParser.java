package dev.jwasm.it.fuzz;

import java.util.ArrayList;
import java.util.List;

/** Reads binaryen's {@code --fuzz-exec-before} output (src/tools/execution-results.h) into events. */
final class FuzzExecParser {
    static final String OTHER_TAG = "<module tag>";

    private FuzzExecParser() {}

    static List<FuzzEvent<String>> parse(String output) {
        var events = new ArrayList<FuzzEvent<String>>();
        List<String> openResult = null;
        for (var line : output.split("\n", -1)) {
            if (line.isEmpty()
                    || line.startsWith("warning: ")
                    || line.startsWith("[LoggingExternalInterface ignoring")) {
                continue;
            }
            if (openResult != null && !line.startsWith("[")) {
                // A multi-value result prints one value per line.
                openResult.add(line.strip());
                continue;
            }
            openResult = null;
            if (line.startsWith("[fuzz-exec] export ")) {
                events.add(new FuzzEvent.Export<>(line.substring("[fuzz-exec] export ".length())));
            } else if (line.startsWith("[fuzz-exec] note result: ")) {
                int arrow = line.indexOf(" => ");
                openResult = new ArrayList<>();
                openResult.add(line.substring(arrow + 4).strip());
                events.add(new FuzzEvent.Result<>(openResult));
            } else if (line.startsWith("[LoggingExternalInterface logging")) {
                var body = line.substring("[LoggingExternalInterface logging".length(), line.length() - 1);
                events.add(new FuzzEvent.Logged<>(tokens(body)));
            } else if (line.startsWith("[trap ")) {
                events.add(new FuzzEvent.Trapped<>(line.substring(6, line.length() - 1)));
            } else if (line.equals("[exception thrown: failed to instantiate module]")) {
                events.add(new FuzzEvent.InstantiationThrew<>());
            } else if (line.startsWith("[exception thrown: ")) {
                var parts = tokens(line.substring("[exception thrown:".length(), line.length() - 1));
                var tag = parts.removeFirst();
                events.add(new FuzzEvent.Thrown<>(
                        tag.equals("imported-wasm-tag") || tag.equals("imported-js-tag") ? tag : OTHER_TAG, parts));
            } else if (line.startsWith("[host limit ")) {
                events.add(new FuzzEvent.HostLimit<>(line.substring(12, line.length() - 1)));
            } else {
                throw new IllegalArgumentException("unexpected binaryen output line: " + line);
            }
        }
        return events;
    }

    /** Space-separated values, where a v128 ({@code i32x4 0x… 0x… 0x… 0x…}) is one token. */
    static List<String> tokens(String body) {
        var words = body.strip().isEmpty()
                ? List.<String>of()
                : List.of(body.strip().split(" "));
        var tokens = new ArrayList<String>();
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).equals("i32x4") && i + 4 < words.size()) {
                tokens.add(String.join(" ", words.subList(i, i + 5)));
                i += 4;
            } else {
                tokens.add(words.get(i));
            }
        }
        return tokens;
    }
}
