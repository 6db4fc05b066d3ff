package dev.jwasm.api;

import dev.jwasm.api.model.FuncType;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleProxies;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Host functions made from the {@link WasmExport}-annotated methods of a plain Java object, each
 * with the function type its signature gives. Every method is bound once, to a method handle that
 * converts the flat {@code long[]} arguments to its parameters and its result back; calls use no
 * reflection. Define them all with {@link Linker#define(String, HostModule)}:
 *
 * <pre>{@code
 * class Env {
 *     @WasmExport(name = "add") public int add(int a, int b) { return a + b; }
 *     @WasmExport public void log(Instance caller, int ptr, int len) {
 *         System.out.println(caller.memory("memory").readString(ptr, len));
 *     }
 * }
 * var linker = new Linker().define("env", HostModule.of(new Env()));
 * }</pre>
 */
public final class HostModule {
    /** One bound method: its Wasm type and its adapted implementation. */
    record Function(FuncType type, HostFunction implementation) {}

    private final Map<String, Function> functions;

    private HostModule(Map<String, Function> functions) {
        this.functions = functions;
    }

    /**
     * Binds the annotated public methods of {@code target}'s class, which must be public and in a
     * package its module exports; use {@link #of(Object, MethodHandles.Lookup)} for any other.
     *
     * @throws JwasmException if a method's signature has no Wasm type, two share a name, or there are none
     */
    public static HostModule of(Object target) {
        return of(target, MethodHandles.publicLookup());
    }

    /**
     * Binds the annotated methods of {@code target}'s class that {@code lookup} can access: pass
     * {@code MethodHandles.lookup()} from the class itself to bind non-public methods or classes.
     *
     * @throws JwasmException if a method's signature has no Wasm type, two share a name, a method
     *     is not accessible, or there are none
     */
    public static HostModule of(Object target, MethodHandles.Lookup lookup) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(lookup, "lookup");
        var methods = Arrays.stream(target.getClass().getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(WasmExport.class))
                .sorted(Comparator.comparing(Method::getName))
                .toList();
        if (methods.isEmpty()) {
            throw new JwasmException(target.getClass().getName() + " has no @WasmExport methods");
        }
        var functions = new LinkedHashMap<String, Function>();
        for (Method method : methods) {
            String name = method.getAnnotation(WasmExport.class).name();
            if (name.isEmpty()) {
                name = method.getName();
            }
            if (functions.put(name, bind(target, method, lookup)) != null) {
                throw new JwasmException(
                        target.getClass().getName() + ": two @WasmExport methods are named \"" + name + "\"");
            }
        }
        return new HostModule(Map.copyOf(functions));
    }

    /** (caller, long[]) -> long[] around the method: built once, so calls use no reflection. */
    private static Function bind(Object target, Method method, MethodHandles.Lookup lookup) {
        var params = method.getParameterTypes();
        boolean takesCaller = params.length > 0 && params[0] == Instance.class;
        var type = TypedCalls.funcType(method, takesCaller ? 1 : 0);
        MethodHandle mh;
        try {
            mh = lookup.unreflect(method);
        } catch (IllegalAccessException e) {
            throw new JwasmException(method + " is not accessible to jwasm: make it and its class public in an"
                    + " exported package, or pass MethodHandles.lookup() to HostModule.of(target, lookup)");
        }
        if (!Modifier.isStatic(method.getModifiers())) {
            mh = mh.bindTo(target);
        }
        int first = takesCaller ? 1 : 0;
        var fromLong = new MethodHandle[params.length - first];
        for (int i = first; i < params.length; i++) {
            fromLong[i - first] = TypedCalls.fromLong(params[i]);
        }
        // (Instance?, int, long, ...) R  ->  (Instance?, long, long, ...) R  ->  (Instance?, long[]) R
        mh = MethodHandles.filterArguments(mh, first, fromLong);
        mh = mh.asSpreader(long[].class, fromLong.length);
        if (!takesCaller) {
            mh = MethodHandles.dropArguments(mh, 0, Instance.class);
        }
        mh = MethodHandles.filterReturnValue(mh, TypedCalls.toResults(method.getReturnType()));
        return new Function(type, MethodHandleProxies.asInterfaceInstance(HostFunction.class, mh));
    }

    /** The import names these functions are defined under, sorted. */
    public Set<String> names() {
        return new TreeSet<>(functions.keySet());
    }

    /**
     * The Wasm type of one function.
     *
     * @throws JwasmException if there is none of that name
     */
    public FuncType type(String name) {
        var f = functions.get(name);
        if (f == null) {
            throw new JwasmException("no host function named \"" + name + "\"");
        }
        return f.type();
    }

    Map<String, Function> functions() {
        return functions;
    }
}
