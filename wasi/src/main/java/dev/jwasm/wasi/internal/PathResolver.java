package dev.jwasm.wasi.internal;

import dev.jwasm.wasi.Errno;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a guest path against a directory descriptor without ever leaving it.
 *
 * <p>The path is walked one component at a time, never handing the host a path that could contain
 * a symlink or {@code ..} it has not checked: {@code ..} pops a component the walk itself pushed
 * (popping past the directory is an escape), and every symlink met on the way is read and its
 * target spliced into the remaining components, so it obeys the same rules. Absolute paths and
 * absolute symlink targets are escapes. Escapes fail with {@code EPERM}, which is what wasmtime
 * (through cap-std) returns; wasi-testsuite accepts {@code EPERM} or {@code ENOTCAPABLE}.
 *
 * <p>The walk checks, then the caller acts; a host process racing to swap a checked directory for
 * a symlink in between is outside this threat model (the guest itself cannot do it mid-call).
 */
public final class PathResolver {
    /** Symlinks followed in one resolution before {@code ELOOP}, as Linux's {@code MAXSYMLINKS}. */
    static final int MAX_SYMLINKS = 40;
    /** The longest path component, in bytes (POSIX NAME_MAX as on Linux and macOS). */
    static final int NAME_MAX = 255;

    private PathResolver() {}

    /**
     * A resolved path.
     *
     * @param host the host path, whose last component is not a symlink unless it was not followed
     * @param parent the host directory holding it (equal to {@code host} when the path named the
     *     directory itself, as {@code "."} does)
     * @param name the last component, or null when the path named the directory itself
     * @param mustBeDirectory the path ended in {@code /}
     */
    public record Resolved(Path host, Path parent, String name, boolean mustBeDirectory) {}

    /**
     * Resolves {@code path} below {@code root}; a symlink in the last component is followed only
     * with {@code followLast}.
     */
    public static Resolved resolve(Path root, String path, boolean followLast) throws WasiError {
        if (path.isEmpty()) {
            throw new WasiError(Errno.NOENT);
        }
        if (path.startsWith("/")) {
            throw new WasiError(Errno.PERM);
        }
        if (path.indexOf('\0') >= 0) {
            throw new WasiError(Errno.INVAL);
        }
        Deque<String> pending = new ArrayDeque<>(split(path));
        boolean mustBeDirectory = path.endsWith("/");
        List<String> stack = new ArrayList<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String c = pending.removeFirst();
            if (c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (stack.isEmpty()) {
                    throw new WasiError(Errno.PERM);
                }
                stack.removeLast();
                continue;
            }
            if (c.getBytes(StandardCharsets.UTF_8).length > NAME_MAX) {
                // As the host's lookup would (Linux NAME_MAX), before any existence check.
                throw new WasiError(Errno.NAMETOOLONG);
            }
            boolean last = pending.isEmpty();
            Path host = join(root, stack).resolve(c);
            if ((!last || followLast || mustBeDirectory) && Files.isSymbolicLink(host)) {
                if (++links > MAX_SYMLINKS) {
                    throw new WasiError(Errno.LOOP);
                }
                String target = readLink(host);
                if (target.startsWith("/")) {
                    throw new WasiError(Errno.PERM);
                }
                if (target.isEmpty()) {
                    throw new WasiError(Errno.NOENT);
                }
                var parts = split(target);
                for (int i = parts.size() - 1; i >= 0; i--) {
                    pending.addFirst(parts.get(i));
                }
                if (last && target.endsWith("/")) {
                    mustBeDirectory = true;
                }
                continue;
            }
            if (!last) {
                if (!Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS)) {
                    throw new WasiError(Files.exists(host, LinkOption.NOFOLLOW_LINKS) ? Errno.NOTDIR : Errno.NOENT);
                }
            }
            stack.add(c);
        }
        if (stack.isEmpty()) {
            return new Resolved(root, root, null, true);
        }
        String name = stack.removeLast();
        Path parent = join(root, stack);
        return new Resolved(parent.resolve(name), parent, name, mustBeDirectory);
    }

    private static String readLink(Path link) throws WasiError {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new WasiError(IoErrors.errno(e));
        }
    }

    private static List<String> split(String path) {
        var parts = new ArrayList<String>();
        for (String p : path.split("/")) {
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        return parts;
    }

    private static Path join(Path root, List<String> components) {
        Path p = root;
        for (var c : components) {
            p = p.resolve(c);
        }
        return p;
    }
}
