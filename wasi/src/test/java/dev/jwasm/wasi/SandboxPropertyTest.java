package dev.jwasm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property test of the WASI sandbox: random path operations ({@code ..}, absolute paths, symlinks
 * pointing outside, long names, NUL bytes, trailing slashes) on a small preopened tree. After each
 * one, nothing outside the preopen has been created, changed or removed; and its errno is the one
 * POSIX path resolution gives inside a sandbox, as wasmtime (cap-std) reports it: escapes are
 * EPERM, a NUL is EINVAL, a name over 255 bytes ENAMETOOLONG. The expected errno comes from a
 * model of the tree below, not from the filesystem.
 */
class SandboxPropertyTest {
    private static final int RUNS = 600;
    private static final String LONG = "n".repeat(300);
    private static final List<String> WORDS =
            List.of(".", "..", "sub", "up", "abs", "loop", "inside.txt", "back", "dangling", "new", "subdir", LONG);
    private static final List<String> OPS = List.of("filestat", "mkdir", "unlink", "symlink", "link");

    @TempDir
    Path tmp;

    /** The tree inside the preopen: directories, files and symlinks (with their targets). */
    sealed interface Node {}

    record Dir() implements Node {}

    record File() implements Node {}

    record Link(String target) implements Node {}

    private static Map<String, Node> tree(Path outside) {
        var t = new TreeMap<String, Node>();
        t.put("inside.txt", new File());
        t.put("sub", new Dir());
        t.put("sub/subdir", new Dir());
        t.put("sub/back", new Link("../inside.txt"));
        t.put("up", new Link("../outside"));
        t.put("abs", new Link(outside.toString()));
        t.put("loop", new Link("loop"));
        t.put("dangling", new Link("nothing-here"));
        return t;
    }

    private static void build(Path box, Map<String, Node> tree) throws IOException {
        Files.createDirectory(box);
        for (var e : tree.entrySet()) {
            var p = box.resolve(e.getKey());
            switch (e.getValue()) {
                case Dir d -> Files.createDirectories(p);
                case File f -> Files.writeString(p, "inside");
                case Link l -> Files.createSymbolicLink(p, Path.of(l.target()));
            }
        }
    }

    @Test
    void noOperationLeavesThePreopenAndEachErrnoIsPosix() throws IOException {
        var outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createDirectory(outside.resolve("subdir"));
        var model = tree(outside);
        var before = snapshot(outside);
        long seed = Long.getLong("jwasm.sandbox.seed", 16L);
        var random = new Random(seed);
        var mismatches = new ArrayList<String>();
        for (int run = 0; run < RUNS; run++) {
            var box = tmp.resolve("box" + run);
            build(box, model);
            String op = OPS.get(random.nextInt(OPS.size()));
            String path = randomPath(random);
            var g = new Guest(new WasiPreview1(
                    WasiConfig.builder().preopen(box, ".", false).build()));
            int actual =
                    switch (op) {
                        case "filestat" -> g.filestat(3, Guest.FOLLOW, path, 1000);
                        case "mkdir", "unlink" -> g.pathOp(op, 3, path);
                        case "symlink" -> g.symlink("inside.txt", 3, path);
                        case "link" -> g.link(3, "inside.txt", 3, path);
                        default -> throw new IllegalStateException(op);
                    };
            assertEquals(before, snapshot(outside), () -> op + " " + show(path) + " changed the outside");
            try (var s = Files.list(tmp)) {
                assertEquals(2, s.count(), () -> op + " " + show(path) + " created something next to the preopen");
            }
            Integer expected = expected(model, op, path);
            if (expected != null && expected != actual) {
                mismatches.add(
                        op + " " + show(path) + ": expected " + Errno.name(expected) + ", got " + Errno.name(actual));
            }
            delete(box);
        }
        assertEquals(List.of(), mismatches, "seed " + seed);
    }

    private static String show(String path) {
        return '"' + path.replace("\0", "\\0").replace(LONG, "<300 n>") + '"';
    }

    private static String randomPath(Random random) {
        var b = new StringBuilder();
        if (random.nextInt(10) == 0) {
            b.append('/');
        }
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : "/").append(WORDS.get(random.nextInt(WORDS.size())));
        }
        if (random.nextInt(4) == 0) {
            b.append('/');
        }
        if (random.nextInt(15) == 0) {
            b.insert(random.nextInt(b.length() + 1), '\0');
        }
        return b.toString();
    }

    /** What the model resolves a path to: an errno, or the parent components and final name. */
    record Resolved(Integer errno, List<String> parent, String name, boolean mustBeDirectory) {
        static Resolved error(int errno) {
            return new Resolved(errno, null, null, false);
        }
    }

    /** POSIX resolution (openat2 RESOLVE_BENEATH semantics) over the model tree. */
    static Resolved resolve(Map<String, Node> tree, String path, boolean followLast) {
        if (path.isEmpty()) {
            return Resolved.error(Errno.NOENT);
        }
        if (path.startsWith("/")) {
            return Resolved.error(Errno.PERM);
        }
        if (path.contains("\0")) {
            return Resolved.error(Errno.INVAL);
        }
        var pending = new ArrayDeque<String>(components(path));
        boolean mustBeDirectory = path.endsWith("/");
        var stack = new ArrayList<String>();
        int links = 0;
        while (!pending.isEmpty()) {
            String c = pending.removeFirst();
            if (c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (stack.isEmpty()) {
                    return Resolved.error(Errno.PERM);
                }
                stack.removeLast();
                continue;
            }
            if (c.length() > 255) {
                return Resolved.error(Errno.NAMETOOLONG);
            }
            boolean last = pending.isEmpty();
            Node node = tree.get(join(stack, c));
            if (node instanceof Link(var target) && (!last || followLast || mustBeDirectory)) {
                if (++links > 32) {
                    return Resolved.error(Errno.LOOP);
                }
                if (target.startsWith("/")) {
                    return Resolved.error(Errno.PERM);
                }
                var parts = components(target);
                for (int i = parts.size() - 1; i >= 0; i--) {
                    pending.addFirst(parts.get(i));
                }
                continue;
            }
            if (!last && !(node instanceof Dir)) {
                return Resolved.error(node == null ? Errno.NOENT : Errno.NOTDIR);
            }
            stack.add(c);
        }
        if (stack.isEmpty()) {
            return new Resolved(null, List.of(), null, true);
        }
        String name = stack.removeLast();
        return new Resolved(null, stack, name, mustBeDirectory);
    }

    /** The errno the operation must give, or null where the model does not decide (the root itself). */
    static Integer expected(Map<String, Node> tree, String op, String path) {
        var r = resolve(tree, path, op.equals("filestat"));
        if (r.errno() != null) {
            return r.errno();
        }
        if (r.name() == null) {
            if (op.equals("unlink")) {
                return null;
            }
            return op.equals("filestat") ? Errno.SUCCESS : Errno.EXIST;
        }
        Node node = tree.get(join(r.parent(), r.name()));
        return switch (op) {
            case "filestat" ->
                node == null ? Errno.NOENT : node instanceof File && r.mustBeDirectory() ? Errno.NOTDIR : Errno.SUCCESS;
            case "mkdir" -> node == null ? Errno.SUCCESS : Errno.EXIST;
            case "unlink" ->
                node == null
                        ? Errno.NOENT
                        : node instanceof Dir ? Errno.ISDIR : r.mustBeDirectory() ? Errno.NOTDIR : Errno.SUCCESS;
            // A new link's name: with a trailing slash it must name a directory (wasmtime on unix:
            // nothing there is ENOENT, a directory EEXIST, a file ENOTDIR).
            case "symlink", "link" ->
                r.mustBeDirectory()
                        ? node == null ? Errno.NOENT : node instanceof Dir ? Errno.EXIST : Errno.NOTDIR
                        : node == null ? Errno.SUCCESS : Errno.EXIST;
            default -> throw new IllegalArgumentException(op);
        };
    }

    private static List<String> components(String path) {
        return Stream.of(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    private static String join(List<String> stack, String c) {
        return stack.isEmpty() ? c : String.join("/", stack) + "/" + c;
    }

    private static Map<String, String> snapshot(Path root) throws IOException {
        var m = new TreeMap<String, String>();
        try (var s = Files.walk(root)) {
            for (var p : s.toList()) {
                m.put(
                        root.relativize(p).toString(),
                        Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                                ? Files.readString(p)
                                : Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p) : "dir");
            }
        }
        return m;
    }

    private static void delete(Path root) throws IOException {
        try (var s = Files.walk(root)) {
            for (var p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
