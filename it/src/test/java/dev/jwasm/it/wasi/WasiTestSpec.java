package dev.jwasm.it.wasi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one WASI testsuite program is run with and must produce, read from its {@code NAME.json}
 * as the suite's {@code SPECIFICATION.md} describes: the legacy form ({@code args}, {@code env},
 * {@code dirs}, {@code exit_code}, {@code stdout}, {@code stderr}, each defaulted when absent) or
 * the operation form ({@code run}, {@code read}, {@code wait}).
 *
 * @param dirs directories relative to the program's folder, preopened under the same name
 * @param unsupported why the test cannot run here (a proposal or a socket operation), or empty
 */
record WasiTestSpec(
        List<String> args,
        Map<String, String> env,
        List<String> dirs,
        int exitCode,
        String stdout,
        String stderr,
        Optional<String> unsupported) {

    /** The default specification, for a program without a {@code .json}: no input, exit 0, no output. */
    static final WasiTestSpec DEFAULT = new WasiTestSpec(List.of(), Map.of(), List.of(), 0, "", "", Optional.empty());

    /** The specification of {@code program} ({@code NAME.wasm}): its {@code NAME.json}, else the default. */
    static WasiTestSpec of(Path program) {
        String name = program.getFileName().toString();
        Path json = program.resolveSibling(name.substring(0, name.length() - ".wasm".length()) + ".json");
        if (!Files.exists(json)) {
            return DEFAULT;
        }
        try {
            return parse(Files.readString(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + json, e);
        }
    }

    static WasiTestSpec parse(String text) {
        if (!(Json.parse(text) instanceof Json.Obj root)) {
            throw new IllegalArgumentException("a test specification is a JSON object");
        }
        var members = root.members();
        if (!members.containsKey("operations")) {
            return new WasiTestSpec(
                    strings(members.get("args")),
                    variables(members.get("env")),
                    strings(members.get("dirs")),
                    integer(members.get("exit_code"), 0),
                    string(members.get("stdout"), ""),
                    string(members.get("stderr"), ""),
                    Optional.empty());
        }
        return operations(members);
    }

    /** The operation form: one {@code run}, {@code read}s of stdout/stderr, one {@code wait}. */
    private static WasiTestSpec operations(Map<String, Json> members) {
        List<String> proposals = strings(members.get("proposals"));
        if (!proposals.isEmpty()) {
            return unsupported("needs WASI proposals " + proposals + ", which jwasm does not implement");
        }
        var spec = DEFAULT;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        if (!(members.get("operations") instanceof Json.Arr operations)) {
            throw new IllegalArgumentException("\"operations\" is a JSON array");
        }
        for (Json operation : operations.elements()) {
            if (!(operation instanceof Json.Obj op)) {
                throw new IllegalArgumentException("each operation is a JSON object");
            }
            var fields = op.members();
            String type = string(fields.get("type"), "");
            switch (type) {
                case "run" ->
                    spec = new WasiTestSpec(
                            strings(fields.get("args")),
                            variables(fields.get("env")),
                            strings(fields.get("dirs")),
                            spec.exitCode,
                            "",
                            "",
                            Optional.empty());
                case "wait" ->
                    spec = new WasiTestSpec(
                            spec.args,
                            spec.env,
                            spec.dirs,
                            integer(fields.get("exit_code"), 0),
                            "",
                            "",
                            Optional.empty());
                case "read" -> {
                    String payload = string(fields.get("payload"), "");
                    switch (string(fields.get("id"), "stdout")) {
                        case "stdout" -> stdout.append(payload);
                        case "stderr" -> stderr.append(payload);
                        default -> throw new IllegalArgumentException("read of an unknown stream: " + fields.get("id"));
                    }
                }
                case "connect", "send", "recv" -> {
                    return unsupported("the '" + type + "' operation needs sockets, which jwasm does not implement");
                }
                default -> throw new IllegalArgumentException("unknown operation type '" + type + "'");
            }
        }
        return new WasiTestSpec(
                spec.args, spec.env, spec.dirs, spec.exitCode, stdout.toString(), stderr.toString(), Optional.empty());
    }

    private static WasiTestSpec unsupported(String reason) {
        return new WasiTestSpec(List.of(), Map.of(), List.of(), 0, "", "", Optional.of(reason));
    }

    private static List<String> strings(Json value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof Json.Arr array)) {
            throw new IllegalArgumentException("expected an array of strings, not " + value);
        }
        var list = new ArrayList<String>();
        for (Json element : array.elements()) {
            list.add(string(element, null));
        }
        return List.copyOf(list);
    }

    private static Map<String, String> variables(Json value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Json.Obj object)) {
            throw new IllegalArgumentException("\"env\" is an object of strings, not " + value);
        }
        var env = new LinkedHashMap<String, String>();
        object.members().forEach((name, v) -> env.put(name, string(v, null)));
        return Collections.unmodifiableMap(env); // in the file's order
    }

    private static String string(Json value, String absent) {
        if (value == null && absent != null) {
            return absent;
        }
        if (!(value instanceof Json.Str s)) {
            throw new IllegalArgumentException("expected a string, not " + value);
        }
        return s.value();
    }

    private static int integer(Json value, int absent) {
        if (value == null) {
            return absent;
        }
        if (!(value instanceof Json.Num n)) {
            throw new IllegalArgumentException("expected a number, not " + value);
        }
        return n.value().intValueExact();
    }
}
