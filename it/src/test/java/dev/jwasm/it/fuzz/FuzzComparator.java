package dev.jwasm.it.fuzz;

import java.util.List;
import java.util.Optional;

/** Compares binaryen's events with jwasm's; the first difference, described, or empty. */
final class FuzzComparator {
    private FuzzComparator() {}

    static Optional<String> firstDifference(List<FuzzEvent<String>> expected, List<FuzzEvent<FuzzValue>> actual) {
        String export = "(instantiation)";
        for (int i = 0; i < expected.size(); i++) {
            var e = expected.get(i);
            if (e instanceof FuzzEvent.HostLimit<String>) {
                // binaryen gave up here (its recursion or allocation limit): nothing after is comparable.
                return Optional.empty();
            }
            if (i >= actual.size()) {
                return Optional.of("in " + export + ": binaryen has " + e + ", jwasm stopped");
            }
            var a = actual.get(i);
            if (!same(e, a)) {
                return Optional.of("in " + export + " (event " + i + "): binaryen " + e + ", jwasm " + a);
            }
            if (e instanceof FuzzEvent.Export<String>(var name)) {
                export = name;
            }
        }
        if (actual.size() > expected.size()) {
            return Optional.of("after " + export + ": jwasm has more: " + actual.get(expected.size()));
        }
        return Optional.empty();
    }

    private static boolean same(FuzzEvent<String> e, FuzzEvent<FuzzValue> a) {
        return switch (e) {
            case FuzzEvent.Export<String>(var name) ->
                a instanceof FuzzEvent.Export<FuzzValue>(var n) && n.equals(name);
            case FuzzEvent.Logged<String>(var values) ->
                a instanceof FuzzEvent.Logged<FuzzValue>(var v) && same(values, v);
            case FuzzEvent.Result<String>(var values) ->
                a instanceof FuzzEvent.Result<FuzzValue>(var v) && same(values, v);
            case FuzzEvent.Trapped<String> t -> a instanceof FuzzEvent.Trapped<FuzzValue>;
            case FuzzEvent.Thrown<String>(var tag, var payload) ->
                a instanceof FuzzEvent.Thrown<FuzzValue>(var t, var p) && t.equals(tag) && same(payload, p);
            case FuzzEvent.InstantiationThrew<String> i -> a instanceof FuzzEvent.InstantiationThrew<FuzzValue>;
            case FuzzEvent.HostLimit<String> h -> false;
        };
    }

    private static boolean same(List<String> tokens, List<FuzzValue> values) {
        if (tokens.size() != values.size()) {
            return false;
        }
        for (int i = 0; i < tokens.size(); i++) {
            if (!values.get(i).matches(tokens.get(i))) {
                return false;
            }
        }
        return true;
    }
}
