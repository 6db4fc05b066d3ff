package dev.jwasm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Engine;
import dev.jwasm.wasi.WasiPreview1;
import dev.jwasm.wat.Wat;
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
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedding API never hands out the runtime's internals: read from the compiled
 * module-info.class of each module an embedder programs against (the core, the text format and
 * WASI), every package it exports to everyone (for the core, those under {@code dev.jwasm.api}) is
 * walked, and no public or protected member of a public type there may take or return a type of
 * the runtime's state (SPI runtime and code packages, internal packages, the executors' numerics,
 * or the SPI's memory, executor, heap and budget classes). The SPI's provider interfaces and the
 * memory listener are what users implement, so the API may take them.
 */
class ApiSurfaceTest {
    private static final Set<String> INTERNAL_PACKAGES =
            Set.of("dev.jwasm.spi.runtime", "dev.jwasm.spi.code", "dev.jwasm.api.numeric");
    private static final Set<String> INTERNAL_SPI_CLASSES = Set.of(
            "dev.jwasm.spi.LinearMemory",
            "dev.jwasm.spi.Executor",
            "dev.jwasm.spi.MemoryBudget",
            "dev.jwasm.spi.GcHeap");

    /** The embedding modules, each found by one class of it. */
    private static final List<Class<?>> MODULE_ANCHORS = List.of(Engine.class, Wat.class, WasiPreview1.class);

    private static final Map<String, Path> classDirs = new TreeMap<>();
    private static final Map<String, ModuleDescriptor> descriptors = new TreeMap<>();

    /** The jars opened as file systems (in verify the modules are jars, in test class directories). */
    private static final List<FileSystem> jars = new ArrayList<>();

    @BeforeAll
    static void readModules() throws IOException, URISyntaxException {
        for (Class<?> anchor : MODULE_ANCHORS) {
            Path location = Path.of(
                    anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path classes;
            if (Files.isDirectory(location)) {
                classes = location;
            } else {
                FileSystem jar = FileSystems.newFileSystem(location);
                jars.add(jar);
                classes = jar.getPath("/");
            }
            try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
                var descriptor = ModuleDescriptor.read(in);
                descriptors.put(descriptor.name(), descriptor);
                classDirs.put(descriptor.name(), classes);
            }
        }
    }

    @AfterAll
    static void closeJars() throws IOException {
        for (FileSystem jar : jars) {
            jar.close();
        }
    }

    /** The packages {@code module} exports to everyone that are embedding API (not the core's SPI). */
    private static Set<String> apiPackages(String module) {
        return descriptors.get(module).exports().stream()
                .filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .filter(p -> !p.equals("dev.jwasm.spi"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void internalsAreExportedOnlyToJwasmsOwnModules() {
        assertEquals(
                Set.of("dev.jwasm.api", "dev.jwasm.api.code", "dev.jwasm.api.model"), apiPackages("dev.jwasm.api"));
        assertEquals(Set.of("dev.jwasm.wat"), apiPackages("dev.jwasm.wat"));
        assertEquals(Set.of("dev.jwasm.wasi"), apiPackages("dev.jwasm.wasi"));
        for (var descriptor : descriptors.values()) {
            for (var e : descriptor.exports()) {
                if (e.source().startsWith("dev.jwasm.internal") || INTERNAL_PACKAGES.contains(e.source())) {
                    assertTrue(e.isQualified(), e.source() + " is exported to everyone");
                    assertTrue(e.targets().stream().allMatch(t -> t.startsWith("dev.jwasm.")), e.toString());
                }
            }
        }
    }

    @Test
    void noPublicMemberOfTheApiTakesOrReturnsARuntimeInternalType() throws IOException, ClassNotFoundException {
        var leaks = new ArrayList<String>();
        int members = 0;
        var walked = new TreeSet<String>();
        for (String module : descriptors.keySet()) {
            for (String pkg : apiPackages(module)) {
                for (Class<?> type : publicTypes(module, pkg)) {
                    walked.add(pkg);
                    members += walk(type, leaks);
                }
            }
        }
        assertTrue(members > 300, "the walk found the API (" + members + " members)");
        assertEquals(
                Set.of("dev.jwasm.api", "dev.jwasm.api.code", "dev.jwasm.api.model", "dev.jwasm.wasi", "dev.jwasm.wat"),
                walked);
        assertEquals(List.of(), leaks);
    }

    /** Checks {@code type}'s visible members and supertypes; returns how many members it checked. */
    private static int walk(Class<?> type, List<String> leaks) {
        int members = 0;
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
        return members;
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

    @Test
    void theWalkSeesAMethodThatReturnsOrTakesARuntimeType() {
        var leaks = new ArrayList<String>();
        int members = walk(LeakyProbe.class, leaks);
        assertEquals(3, members);
        assertEquals(2, leaks.size(), leaks.toString());
        assertTrue(leaks.get(0).contains("StoreState") || leaks.get(1).contains("StoreState"), leaks.toString());
        assertTrue(leaks.toString().contains("LinearMemory"), leaks.toString());
    }

    /** A type as a careless API change would write it: one clean member, two leaks. */
    public static final class LeakyProbe {
        public dev.jwasm.spi.runtime.StoreState state() {
            return null;
        }

        public void attach(dev.jwasm.spi.LinearMemory memory) {}

        LeakyProbe() {}

        public int clean() {
            return 0;
        }
    }

    private static List<Class<?>> publicTypes(String module, String pkg) throws IOException, ClassNotFoundException {
        Path dir = classDirs.get(module).resolve(pkg.replace('.', '/'));
        var names = new ArrayList<String>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.equals("package-info.class"))
                    .forEach(n -> names.add(pkg + "." + n.substring(0, n.length() - ".class".length())));
        }
        var types = new ArrayList<Class<?>>();
        for (String name : names) {
            Class<?> c = Class.forName(name, false, ApiSurfaceTest.class.getClassLoader());
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
