package dev.jwasm.api;

import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.ValType;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleProxies;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The method-handle adaptations between Java primitives and the flat {@code long[]} calling
 * convention, built once per binding: {@link ExportedFunction#bind} (Java calls Wasm) and {@link
 * HostModule} (Wasm calls Java).
 */
final class TypedCalls {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final MethodHandle INVOKE;

    static {
        try {
            INVOKE = LOOKUP.findVirtual(
                    ExportedFunction.class, "invokeNormalized", MethodType.methodType(long[].class, long[].class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TypedCalls() {}

    /** The Wasm value type a Java parameter or result type stands for, or null for none. */
    static ValType valType(Class<?> type) {
        if (type == int.class) {
            return ValType.I32;
        } else if (type == long.class) {
            return ValType.I64;
        } else if (type == float.class) {
            return ValType.F32;
        } else if (type == double.class) {
            return ValType.F64;
        }
        return null;
    }

    /** The function type a method's signature stands for; {@code skip} leading parameters are not Wasm's. */
    static FuncType funcType(Method method, int skip) {
        var params = new ArrayList<ValType>();
        var types = method.getParameterTypes();
        for (int i = skip; i < types.length; i++) {
            var t = valType(types[i]);
            if (t == null) {
                throw new JwasmException(method + ": parameter " + (i + 1) + " is " + types[i].getName()
                        + "; only int, long, float and double (i32, i64, f32, f64) map to Wasm values");
            }
            params.add(t);
        }
        List<ValType> results;
        if (method.getReturnType() == void.class) {
            results = List.of();
        } else {
            var t = valType(method.getReturnType());
            if (t == null) {
                throw new JwasmException(
                        method + ": returns " + method.getReturnType().getName()
                                + "; only void, int, long, float and double map to Wasm results");
            }
            results = List.of(t);
        }
        return FuncType.of(params, results);
    }

    static void requireType(ExportedFunction function, FuncType expected) {
        if (!function.type().equals(expected)) {
            throw new JwasmException("function of type " + function.type() + " cannot be called as " + expected);
        }
    }

    static <T> T bind(ExportedFunction function, Class<T> api) {
        if (!api.isInterface()) {
            throw new JwasmException(api.getName() + " is not an interface");
        }
        var abstracts = Arrays.stream(api.getMethods())
                .filter(m -> Modifier.isAbstract(m.getModifiers()))
                .toList();
        if (abstracts.size() != 1) {
            throw new JwasmException(api.getName() + " must have exactly one abstract method, not " + abstracts.size());
        }
        Method method = abstracts.getFirst();
        var type = funcType(method, 0);
        requireType(function, type);
        // (long[]) long[]  ->  (p1, p2, ...) R
        MethodHandle mh =
                INVOKE.bindTo(function).asCollector(long[].class, type.params().size());
        var params = method.getParameterTypes();
        var toLong = new MethodHandle[params.length];
        for (int i = 0; i < params.length; i++) {
            toLong[i] = toLong(params[i]);
        }
        mh = MethodHandles.filterArguments(mh, 0, toLong);
        mh = MethodHandles.filterReturnValue(mh, resultFilter(method.getReturnType()));
        return MethodHandleProxies.asInterfaceInstance(api, mh);
    }

    /** {@code long[]} results to the Java result: the first value, converted; nothing for void. */
    private static MethodHandle resultFilter(Class<?> result) {
        if (result == void.class) {
            return converter("ignore", void.class, long[].class);
        }
        MethodHandle first = MethodHandles.insertArguments(MethodHandles.arrayElementGetter(long[].class), 1, 0);
        return MethodHandles.filterReturnValue(first, fromLong(result));
    }

    /** {@code (long) -> type}: a raw value as the Java type. */
    static MethodHandle fromLong(Class<?> type) {
        return converter("as" + capitalized(type), type, long.class);
    }

    /** {@code (type) -> long}: a Java value as a raw value. */
    static MethodHandle toLong(Class<?> type) {
        return converter("toLong", long.class, type);
    }

    /** {@code (type) -> long[]}: a Java result as the one-element results array; none for void. */
    static MethodHandle toResults(Class<?> type) {
        return type == void.class ? converter("noResults", long[].class) : converter("results", long[].class, type);
    }

    private static String capitalized(Class<?> type) {
        String n = type.getName();
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    /** One of this class's static converters: {@code name(from...) -> to}. */
    private static MethodHandle converter(String name, Class<?> to, Class<?>... from) {
        try {
            return LOOKUP.findStatic(TypedCalls.class, name, MethodType.methodType(to, from));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no converter " + name, e);
        }
    }

    // Java value -> raw long, in the executors' form (i32 and f32 sign-extended).
    private static long toLong(int v) {
        return v;
    }

    private static long toLong(long v) {
        return v;
    }

    private static long toLong(float v) {
        return Float.floatToRawIntBits(v);
    }

    private static long toLong(double v) {
        return Double.doubleToRawLongBits(v);
    }

    // raw long -> Java value.
    private static int asInt(long v) {
        return (int) v;
    }

    private static long asLong(long v) {
        return v;
    }

    private static float asFloat(long v) {
        return Float.intBitsToFloat((int) v);
    }

    private static double asDouble(long v) {
        return Double.longBitsToDouble(v);
    }

    private static void ignore(long[] results) {}

    // Java result -> results array.
    private static long[] results(int v) {
        return new long[] {v};
    }

    private static long[] results(long v) {
        return new long[] {v};
    }

    private static long[] results(float v) {
        return new long[] {Float.floatToRawIntBits(v)};
    }

    private static long[] results(double v) {
        return new long[] {Double.doubleToRawLongBits(v)};
    }

    private static long[] noResults() {
        return NO_RESULTS;
    }

    private static final long[] NO_RESULTS = {};
}
