package dev.jwasm.wasi.internal;

import dev.jwasm.wasi.Errno;
import java.util.ArrayList;
import java.util.List;

/** The guest's file descriptor numbers: the lowest free number is handed out first, as in POSIX. */
public final class FdTable {
    /** More open descriptors than this is {@code EMFILE}: a guest cannot exhaust host handles. */
    public static final int MAX_OPEN = 1024;

    private final List<Descriptor> slots = new ArrayList<>();

    public Descriptor get(int fd) throws WasiError {
        if (fd < 0 || fd >= slots.size() || slots.get(fd) == null) {
            throw new WasiError(Errno.BADF);
        }
        return slots.get(fd);
    }

    public int add(Descriptor d) throws WasiError {
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i) == null) {
                slots.set(i, d);
                return i;
            }
        }
        if (slots.size() >= MAX_OPEN) {
            throw new WasiError(Errno.MFILE);
        }
        slots.add(d);
        return slots.size() - 1;
    }

    public Descriptor remove(int fd) throws WasiError {
        var d = get(fd);
        slots.set(fd, null);
        if (fd == slots.size() - 1) {
            slots.removeLast();
        }
        return d;
    }

    /**
     * Moves {@code from} onto {@code to}, returning the descriptor {@code to} held (null if it was
     * free). As wasmtime's preview1, {@code to} need not be open; past the table it is
     * {@code ENOMEM} (as its adapter, which wasmtime's fd_renumber test accepts).
     */
    public Descriptor renumber(int from, int to) throws WasiError {
        var moving = get(from);
        if (from == to) {
            return null;
        }
        if (to < 0 || to >= MAX_OPEN) {
            throw new WasiError(Errno.NOMEM);
        }
        while (slots.size() <= to) {
            slots.add(null);
        }
        var replaced = slots.get(to);
        slots.set(to, moving);
        remove(from);
        return replaced;
    }

    /** Every open descriptor, for closing them all. */
    public List<Descriptor> all() {
        return slots.stream().filter(d -> d != null).toList();
    }
}
