package dev.jwasm.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Executable;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedding API never hands out the runtime's internals: read from the compiled
 * module-info.class, every package {@code dev.jwasm.api} exports to everyone under {@code
 * dev.jwasm.api} is walked, and no public or protected member of a public type there may take or
 * return a type of the runtime's state (SPI runtime and code packages, internal packages, the
 * executors' numerics, or the SPI's memory, executor and budget classes). The SPI's provider
 * interfaces and the memory listener are what users implement, so the API may take them.
 */
class ApiSurfaceTest {
    private static final Set<String> INTERNAL_PACKAGES =
            Set.of("dev.jwasm.spi.runtime", "dev.jwasm.spi.code", "dev.jwasm.api.numeric");
    private static final Set<String> INTERNAL_SPI_CLASSES = Set.of(
            "dev.jwasm.spi.LinearMemory",
            "dev.jwasm.spi.Executor",
            "dev.jwasm.spi.MemoryBudget",
            "dev.jwasm.spi.GcHeap");

    private static Path classes;
    private static ModuleDescriptor descriptor;

    @BeforeAll
    static void readModule() throws IOException, URISyntaxException {
        classes = Path.of(
                Engine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }
    }

    private static Set<String> apiPackages() {
        return descriptor.exports().stream()
                .filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .filter(p -> p.equals("dev.jwasm.api") || p.startsWith("dev.jwasm.api."))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void internalsAreExportedOnlyToJwasmsOwnModules() {
        assertEquals(Set.of("dev.jwasm.api", "dev.jwasm.api.code", "dev.jwasm.api.model"), apiPackages());
        for (var e : descriptor.exports()) {
            if (e.source().startsWith("dev.jwasm.internal") || e.source().equals("dev.jwasm.api.numeric")) {
                assertTrue(e.isQualified(), e.source() + " is exported to everyone");
                assertTrue(e.targets().stream().allMatch(t -> t.startsWith("dev.jwasm.")), e.toString());
            }
        }
    }

    @Test
    void noPublicMemberOfTheApiTakesOrReturnsARuntimeInternalType() throws IOException, ClassNotFoundException {
        var leaks = new ArrayList<String>();
        int members = 0;
        for (String pkg : apiPackages()) {
            for (Class<?> type : publicTypes(pkg)) {
                for (var m : type.getDeclaredMethods()) {
                    if (visible(m) && !m.isSynthetic()) {
                        members++;
                        check(m, m.getGenericReturnType(), leaks);
                        checkParams(m, leaks);
                    }
                }
                for (var c : type.getDeclaredConstructors()) {
                    if (visible(c)) {
                        members++;
                        checkParams(c, leaks);
                    }
                }
                for (var f : type.getDeclaredFields()) {
                    if (visible(f)) {
                        members++;
                        check(f, f.getGenericType(), leaks);
                    }
                }
                if (type.getSuperclass() != null) {
                    check(type.getName() + " extends", type.getGenericSuperclass(), leaks);
                }
                for (Type i : type.getGenericInterfaces()) {
                    check(type.getName() + " implements", i, leaks);
                }
            }
        }
        assertTrue(members > 200, "the walk found the API (" + members + " members)");
        assertEquals(List.of(), leaks);
    }

    @Test
    void theWalkWouldSeeALeak() {
        var leaks = new ArrayList<String>();
        check("probe", dev.jwasm.spi.runtime.GlobalCell.class, leaks);
        check("probe", dev.jwasm.spi.LinearMemory.class, leaks);
        check("probe", dev.jwasm.spi.MemoryProvider.class, leaks);
        assertEquals(2, leaks.size(), leaks.toString());
        assertFalse(leaks.toString().contains("MemoryProvider"));
    }

    private static List<Class<?>> publicTypes(String pkg) throws IOException, ClassNotFoundException {
        Path dir = classes.resolve(pkg.replace('.', '/'));
        var names = new ArrayList<String>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.equals("package-info.class"))
                    .forEach(n -> names.add(pkg + "." + n.substring(0, n.length() - ".class".length())));
        }
        var types = new ArrayList<Class<?>>();
        for (String name : names) {
            Class<?> c = Class.forName(name, false, Engine.class.getClassLoader());
            if (isReachable(c)) {
                types.add(c);
            }
        }
        return types;
    }

    /** Public, and (for a nested type) inside public types all the way out. */
    private static boolean isReachable(Class<?> c) {
        for (Class<?> t = c; t != null; t = t.getDeclaringClass()) {
            if (!Modifier.isPublic(t.getModifiers())) {
                return false;
            }
        }
        return !c.isAnonymousClass() && !c.isLocalClass();
    }

    private static boolean visible(Member m) {
        return Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers());
    }

    private static void checkParams(Executable e, List<String> leaks) {
        for (Type p : e.getGenericParameterTypes()) {
            check(e, p, leaks);
        }
    }

    private static void check(Object where, Type type, List<String> leaks) {
        switch (type) {
            case Class<?> c when c.isArray() -> check(where, c.getComponentType(), leaks);
            case Class<?> c -> {
                if (isInternal(c)) {
                    leaks.add(where + " uses " + c.getName());
                }
            }
            case ParameterizedType p -> {
                check(where, p.getRawType(), leaks);
                for (Type a : p.getActualTypeArguments()) {
                    check(where, a, leaks);
                }
            }
            case GenericArrayType g -> check(where, g.getGenericComponentType(), leaks);
            case WildcardType w -> {
                for (Type b : w.getUpperBounds()) {
                    check(where, b, leaks);
                }
                for (Type b : w.getLowerBounds()) {
                    check(where, b, leaks);
                }
            }
            case TypeVariable<?> v -> {
                for (Type b : v.getBounds()) {
                    check(where, b, leaks);
                }
            }
            default -> throw new AssertionError("unexpected type " + type);
        }
    }

    private static boolean isInternal(Class<?> c) {
        String pkg = c.getPackageName();
        return INTERNAL_PACKAGES.contains(pkg)
                || pkg.startsWith("dev.jwasm.internal")
                || INTERNAL_SPI_CLASSES.contains(c.getName());
    }
}
