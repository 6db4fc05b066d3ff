package dev.jwasm.api.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs the {@code assert_return} cases of the spec testsuite's SIMD and relaxed-SIMD scripts
 * against {@link SimdOps}. A case is run only when its export is a function whose whole body is
 * one SIMD instruction applied to the parameters in order, so calling the matching method checks
 * exactly what the script checks. Expected values (with per-lane {@code nan:canonical} /
 * {@code nan:arithmetic} and {@code either} alternatives) are read from the scripts.
 */
class SimdScriptCasesTest {
    /** Operators whose method name does not follow from the instruction name mechanically. */
    private static final Map<String, String> ALIASES = Map.of("v128.andnot", "v128AndNot");

    private record Outcome(int checked, List<String> failures) {}

    @Test
    void simdScriptsPass() throws IOException {
        Path dir = Path.of(System.getProperty("jwasm.testsuite", "../../shared/testsuite"));
        Assumptions.assumeTrue(
                Files.isDirectory(dir), "spec testsuite not found at " + dir + " (set -Djwasm.testsuite)");
        List<Path> scripts;
        try (Stream<Path> files = Files.list(dir)) {
            scripts = files.filter(p -> {
                        String n = p.getFileName().toString();
                        return n.endsWith(".wast") && (n.startsWith("simd_") || n.contains("relaxed"));
                    })
                    .sorted()
                    .toList();
        }
        int checked = 0;
        List<String> failures = new ArrayList<>();
        for (Path script : scripts) {
            Outcome o = run(script);
            checked += o.checked();
            failures.addAll(o.failures());
        }
        assertEquals(
                List.of(),
                failures.subList(0, Math.min(20, failures.size())),
                failures.size() + " of " + checked + " SIMD cases failed");
        // The shared copy holds about 22,600 such cases; a parser regression must not pass silently.
        assertTrue(checked > 22_000, "only " + checked + " SIMD cases recognised");
    }

    /**
     * Every SIMD instruction the scripts use (other than loads, stores and constants, which are
     * not numerics) has a {@link SimdOps} method, found by the same naming rule the runner uses.
     */
    @Test
    void everyVectorInstructionInTheScriptsHasAnOperator() throws IOException {
        Path dir = Path.of(System.getProperty("jwasm.testsuite", "../../shared/testsuite"));
        Assumptions.assumeTrue(
                Files.isDirectory(dir), "spec testsuite not found at " + dir + " (set -Djwasm.testsuite)");
        Set<String> instructions = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".wast"))
                    .toList()) {
                collect(SExpr.readAll(Files.readString(p)), instructions);
            }
        }
        List<String> missing = instructions.stream()
                .filter(op -> !op.contains("load") && !op.contains("store") && !op.endsWith(".const"))
                .filter(op -> method(op) == null)
                .toList();
        assertTrue(instructions.size() > 200, "only " + instructions.size() + " vector instructions found");
        assertEquals(List.of(), missing);
    }

    private static void collect(List<?> forms, Set<String> into) {
        for (Object f : forms) {
            if (f instanceof List<?> l) {
                collect(l, into);
            } else if (f instanceof String atom
                    && atom.matches("(i8x16|i16x8|i32x4|i64x2|f32x4|f64x2|v128)\\.[a-z0-9_]+")) {
                into.add(atom);
            }
        }
    }

    private static Outcome run(Path script) throws IOException {
        Map<String, Method> exports = new HashMap<>();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Object form : SExpr.readAll(Files.readString(script))) {
            if (!(form instanceof List<?> list) || list.isEmpty()) {
                continue;
            }
            if ("module".equals(list.get(0))) {
                exports.clear();
                for (Object item : list) {
                    if (item instanceof List<?> func && !func.isEmpty() && "func".equals(func.get(0))) {
                        mapExport(func, exports);
                    }
                }
            } else if ("assert_return".equals(list.get(0))
                    && list.get(1) instanceof List<?> invoke
                    && "invoke".equals(invoke.get(0))
                    && invoke.get(1) instanceof SExpr.Str name) {
                Method method = exports.get(name.value());
                if (method == null) {
                    continue;
                }
                Object[] args = arguments(method, invoke.subList(2, invoke.size()));
                if (args == null) {
                    continue;
                }
                checked++;
                String failure = check(method, args, list.subList(2, list.size()));
                if (failure != null) {
                    failures.add(script.getFileName() + ": " + name.value() + " " + invoke.subList(2, invoke.size())
                            + " -> " + failure);
                }
            }
        }
        return new Outcome(checked, failures);
    }

    /**
     * Records {@code export -> method} when the function body is {@code (op (local.get 0) ...)},
     * the parameters referenced by index or by name, in order.
     */
    private static void mapExport(List<?> func, Map<String, Method> exports) {
        String export = null;
        List<String> params = new ArrayList<>(); // each parameter's name, or its index as text
        List<Object> body = new ArrayList<>();
        for (Object item : func.subList(1, func.size())) {
            if (item instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof String head) {
                switch (head) {
                    case "export" -> export = ((SExpr.Str) l.get(1)).value();
                    case "param" -> {
                        if (l.size() == 3 && l.get(1) instanceof String n && n.startsWith("$")) {
                            params.add(n);
                        } else {
                            for (int k = 1; k < l.size(); k++) {
                                params.add(Integer.toString(params.size()));
                            }
                        }
                    }
                    case "result", "type", "local" -> {}
                    default -> body.add(item);
                }
            } else if (!(item instanceof String s && s.startsWith("$"))) {
                body.add(item);
            }
        }
        if (export == null
                || body.size() != 1
                || !(body.get(0) instanceof List<?> call)
                || call.size() != params.size() + 1) {
            return;
        }
        for (int i = 0; i < params.size(); i++) {
            if (!(call.get(i + 1) instanceof List<?> get)
                    || get.size() != 2
                    || !"local.get".equals(get.get(0))
                    || !(get.get(1).equals(Integer.toString(i)) || get.get(1).equals(params.get(i)))) {
                return;
            }
        }
        if (call.get(0) instanceof String op) {
            Method m = method(op);
            if (m != null) {
                exports.put(export, m);
            }
        }
    }

    private static Method method(String op) {
        String name = ALIASES.get(op);
        if (name == null) {
            StringBuilder sb = new StringBuilder();
            for (String part : op.split("[._]")) {
                sb.append(sb.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
            }
            name = sb.toString();
        }
        for (Method m : SimdOps.class.getMethods()) {
            if (m.getName().equals(name) && m.getDeclaringClass() == SimdOps.class) {
                return m;
            }
        }
        return null;
    }

    /** The Java arguments for {@code method}, or null when the script's values do not fit it. */
    private static Object[] arguments(Method method, List<?> values) {
        List<Object> slots = new ArrayList<>();
        for (Object v : values) {
            List<?> c = (List<?>) v;
            String type = (String) c.get(0);
            switch (type) {
                case "v128.const" -> {
                    long[] bits = v128(c);
                    slots.add(bits[0]);
                    slots.add(bits[1]);
                }
                case "i32.const" -> slots.add((int) Literals.parse("i32", (String) c.get(1)));
                case "i64.const" -> slots.add(Literals.parse("i64", (String) c.get(1)));
                case "f32.const" -> slots.add(Float.intBitsToFloat((int) Literals.parse("f32", (String) c.get(1))));
                case "f64.const" -> slots.add(Double.longBitsToDouble(Literals.parse("f64", (String) c.get(1))));
                default -> {
                    return null;
                }
            }
        }
        Class<?>[] params = method.getParameterTypes();
        boolean vectorResult = method.getReturnType() == void.class;
        int inputs = vectorResult ? params.length - 2 : params.length;
        if (inputs != slots.size()) {
            return null;
        }
        Object[] args = new Object[params.length];
        for (int i = 0; i < inputs; i++) {
            Class<?> boxed =
                    switch (params[i].getName()) {
                        case "long" -> Long.class;
                        case "int" -> Integer.class;
                        case "float" -> Float.class;
                        case "double" -> Double.class;
                        default -> Void.class;
                    };
            if (!boxed.isInstance(slots.get(i))) {
                return null;
            }
            args[i] = slots.get(i);
        }
        if (vectorResult) {
            args[inputs] = new long[2];
            args[inputs + 1] = 0;
        }
        return args;
    }

    private static String check(Method method, Object[] args, List<?> expected) {
        Object result;
        try {
            result = method.invoke(null, args);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return "threw " + e.getCause();
        }
        long[] actual;
        if (result == null) {
            actual = (long[]) args[args.length - 2];
        } else {
            actual = switch (result) {
                case Integer i -> new long[] {i & 0xFFFF_FFFFL};
                case Long l -> new long[] {l};
                case Float f -> new long[] {Float.floatToRawIntBits(f) & 0xFFFF_FFFFL};
                case Double d -> new long[] {Double.doubleToRawLongBits(d)};
                default -> throw new IllegalStateException(String.valueOf(result));
            };
        }
        List<?> wanted = expected.size() == 1 && expected.get(0) instanceof List<?> e && "either".equals(e.get(0))
                ? e.subList(1, e.size())
                : expected;
        for (Object alternative : wanted) {
            if (matches((List<?>) alternative, actual)) {
                return null;
            }
        }
        return String.format(
                        actual.length == 2 ? "got %016x_%016x" : "got %x",
                        actual.length == 2 ? actual[1] : actual[0],
                        actual[0])
                + ", expected " + expected;
    }

    private static boolean matches(List<?> expected, long[] actual) {
        String type = (String) expected.get(0);
        if (!type.equals("v128.const")) {
            String t = type.substring(0, 3);
            return laneMatches(t, (String) expected.get(1), actual[0]);
        }
        String shape = (String) expected.get(1);
        int lanes = expected.size() - 2;
        int bits = 128 / lanes;
        String laneType = shape.startsWith("f") ? shape.substring(0, 3) : "i" + bits;
        for (int i = 0; i < lanes; i++) {
            long half = actual[(i * bits) / 64];
            long lane = bits == 64 ? half : (half >>> ((i * bits) % 64)) & ((1L << bits) - 1);
            if (!laneMatches(laneType, (String) expected.get(i + 2), lane)) {
                return false;
            }
        }
        return true;
    }

    private static boolean laneMatches(String type, String literal, long actual) {
        boolean f32 = type.equals("f32");
        if (literal.endsWith("nan:canonical") || literal.endsWith("nan:arithmetic")) {
            long exponent = f32 ? 0x7F80_0000L : 0x7FF0_0000_0000_0000L;
            long quiet = f32 ? 0x0040_0000L : 0x0008_0000_0000_0000L;
            long magnitude = actual & (f32 ? 0x7FFF_FFFFL : Long.MAX_VALUE);
            return literal.endsWith("canonical")
                    ? magnitude == (exponent | quiet)
                    : (magnitude & (exponent | quiet)) == (exponent | quiet);
        }
        long mask =
                switch (type) {
                    case "i8" -> 0xFFL;
                    case "i16" -> 0xFFFFL;
                    case "i32", "f32" -> 0xFFFF_FFFFL;
                    default -> -1L;
                };
        String parseAs = type.startsWith("f") ? type : type.equals("i64") ? "i64" : "i32";
        return (Literals.parse(parseAs, literal) & mask) == (actual & mask);
    }

    /** A {@code (v128.const shape lane...)} as (lo, hi). */
    private static long[] v128(List<?> c) {
        String shape = (String) c.get(1);
        int lanes = c.size() - 2;
        int bits = 128 / lanes;
        String type = shape.startsWith("f") ? shape.substring(0, 3) : bits == 64 ? "i64" : "i32";
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        long[] v = new long[2];
        for (int i = 0; i < lanes; i++) {
            long lane = Literals.parse(type, (String) c.get(i + 2)) & mask;
            v[(i * bits) / 64] |= lane << ((i * bits) % 64);
        }
        return v;
    }
}
