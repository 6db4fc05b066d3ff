package dev.jwasm.wasi;

import static dev.jwasm.wasi.WasiFunction.ValType.I32;
import static dev.jwasm.wasi.WasiFunction.ValType.I64;

import dev.jwasm.wasi.WasiFunction.Invoker;
import dev.jwasm.wasi.WasiFunction.ValType;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every {@code wasi_snapshot_preview1} function with its Wasm signature (preview1 witx, lowered
 * to core Wasm as wasi-libc imports them), so that a linker registers them all from one list.
 */
public final class WasiFunctions {
    /** The import module name. */
    public static final String MODULE = "wasi_snapshot_preview1";

    private static final List<ValType> ERRNO = List.of(I32);

    /** All 46 functions, in witx order within each group. */
    public static final List<WasiFunction> ALL = List.of(
            fn("args_get", List.of(I32, I32), ERRNO, (w, m, a) -> w.argsGet(m, i(a[0]), i(a[1]))),
            fn("args_sizes_get", List.of(I32, I32), ERRNO, (w, m, a) -> w.argsSizesGet(m, i(a[0]), i(a[1]))),
            fn("environ_get", List.of(I32, I32), ERRNO, (w, m, a) -> w.environGet(m, i(a[0]), i(a[1]))),
            fn("environ_sizes_get", List.of(I32, I32), ERRNO, (w, m, a) -> w.environSizesGet(m, i(a[0]), i(a[1]))),
            fn("clock_res_get", List.of(I32, I32), ERRNO, (w, m, a) -> w.clockResGet(m, i(a[0]), i(a[1]))),
            fn("clock_time_get", List.of(I32, I64, I32), ERRNO, (w, m, a) -> w.clockTimeGet(m, i(a[0]), a[1], i(a[2]))),
            fn(
                    "fd_advise",
                    List.of(I32, I64, I64, I32),
                    ERRNO,
                    (w, m, a) -> w.fdAdvise(m, i(a[0]), a[1], a[2], i(a[3]))),
            fn("fd_allocate", List.of(I32, I64, I64), ERRNO, (w, m, a) -> w.fdAllocate(m, i(a[0]), a[1], a[2])),
            fn("fd_close", List.of(I32), ERRNO, (w, m, a) -> w.fdClose(m, i(a[0]))),
            fn("fd_datasync", List.of(I32), ERRNO, (w, m, a) -> w.fdDatasync(m, i(a[0]))),
            fn("fd_fdstat_get", List.of(I32, I32), ERRNO, (w, m, a) -> w.fdFdstatGet(m, i(a[0]), i(a[1]))),
            fn("fd_fdstat_set_flags", List.of(I32, I32), ERRNO, (w, m, a) -> w.fdFdstatSetFlags(m, i(a[0]), i(a[1]))),
            fn(
                    "fd_fdstat_set_rights",
                    List.of(I32, I64, I64),
                    ERRNO,
                    (w, m, a) -> w.fdFdstatSetRights(m, i(a[0]), a[1], a[2])),
            fn("fd_filestat_get", List.of(I32, I32), ERRNO, (w, m, a) -> w.fdFilestatGet(m, i(a[0]), i(a[1]))),
            fn("fd_filestat_set_size", List.of(I32, I64), ERRNO, (w, m, a) -> w.fdFilestatSetSize(m, i(a[0]), a[1])),
            fn(
                    "fd_filestat_set_times",
                    List.of(I32, I64, I64, I32),
                    ERRNO,
                    (w, m, a) -> w.fdFilestatSetTimes(m, i(a[0]), a[1], a[2], i(a[3]))),
            fn(
                    "fd_pread",
                    List.of(I32, I32, I32, I64, I32),
                    ERRNO,
                    (w, m, a) -> w.fdPread(m, i(a[0]), i(a[1]), i(a[2]), a[3], i(a[4]))),
            fn("fd_prestat_get", List.of(I32, I32), ERRNO, (w, m, a) -> w.fdPrestatGet(m, i(a[0]), i(a[1]))),
            fn(
                    "fd_prestat_dir_name",
                    List.of(I32, I32, I32),
                    ERRNO,
                    (w, m, a) -> w.fdPrestatDirName(m, i(a[0]), i(a[1]), i(a[2]))),
            fn(
                    "fd_pwrite",
                    List.of(I32, I32, I32, I64, I32),
                    ERRNO,
                    (w, m, a) -> w.fdPwrite(m, i(a[0]), i(a[1]), i(a[2]), a[3], i(a[4]))),
            fn(
                    "fd_read",
                    List.of(I32, I32, I32, I32),
                    ERRNO,
                    (w, m, a) -> w.fdRead(m, i(a[0]), i(a[1]), i(a[2]), i(a[3]))),
            fn(
                    "fd_readdir",
                    List.of(I32, I32, I32, I64, I32),
                    ERRNO,
                    (w, m, a) -> w.fdReaddir(m, i(a[0]), i(a[1]), i(a[2]), a[3], i(a[4]))),
            fn("fd_renumber", List.of(I32, I32), ERRNO, (w, m, a) -> w.fdRenumber(m, i(a[0]), i(a[1]))),
            fn(
                    "fd_seek",
                    List.of(I32, I64, I32, I32),
                    ERRNO,
                    (w, m, a) -> w.fdSeek(m, i(a[0]), a[1], i(a[2]), i(a[3]))),
            fn("fd_sync", List.of(I32), ERRNO, (w, m, a) -> w.fdSync(m, i(a[0]))),
            fn("fd_tell", List.of(I32, I32), ERRNO, (w, m, a) -> w.fdTell(m, i(a[0]), i(a[1]))),
            fn(
                    "fd_write",
                    List.of(I32, I32, I32, I32),
                    ERRNO,
                    (w, m, a) -> w.fdWrite(m, i(a[0]), i(a[1]), i(a[2]), i(a[3]))),
            fn(
                    "path_create_directory",
                    List.of(I32, I32, I32),
                    ERRNO,
                    (w, m, a) -> w.pathCreateDirectory(m, i(a[0]), i(a[1]), i(a[2]))),
            fn(
                    "path_filestat_get",
                    List.of(I32, I32, I32, I32, I32),
                    ERRNO,
                    (w, m, a) -> w.pathFilestatGet(m, i(a[0]), i(a[1]), i(a[2]), i(a[3]), i(a[4]))),
            fn(
                    "path_filestat_set_times",
                    List.of(I32, I32, I32, I32, I64, I64, I32),
                    ERRNO,
                    (w, m, a) -> w.pathFilestatSetTimes(m, i(a[0]), i(a[1]), i(a[2]), i(a[3]), a[4], a[5], i(a[6]))),
            fn(
                    "path_link",
                    List.of(I32, I32, I32, I32, I32, I32, I32),
                    ERRNO,
                    (w, m, a) -> w.pathLink(m, i(a[0]), i(a[1]), i(a[2]), i(a[3]), i(a[4]), i(a[5]), i(a[6]))),
            fn(
                    "path_open",
                    List.of(I32, I32, I32, I32, I32, I64, I64, I32, I32),
                    ERRNO,
                    (w, m, a) ->
                            w.pathOpen(m, i(a[0]), i(a[1]), i(a[2]), i(a[3]), i(a[4]), a[5], a[6], i(a[7]), i(a[8]))),
            fn(
                    "path_readlink",
                    List.of(I32, I32, I32, I32, I32, I32),
                    ERRNO,
                    (w, m, a) -> w.pathReadlink(m, i(a[0]), i(a[1]), i(a[2]), i(a[3]), i(a[4]), i(a[5]))),
            fn(
                    "path_remove_directory",
                    List.of(I32, I32, I32),
                    ERRNO,
                    (w, m, a) -> w.pathRemoveDirectory(m, i(a[0]), i(a[1]), i(a[2]))),
            fn(
                    "path_rename",
                    List.of(I32, I32, I32, I32, I32, I32),
                    ERRNO,
                    (w, m, a) -> w.pathRename(m, i(a[0]), i(a[1]), i(a[2]), i(a[3]), i(a[4]), i(a[5]))),
            fn(
                    "path_symlink",
                    List.of(I32, I32, I32, I32, I32),
                    ERRNO,
                    (w, m, a) -> w.pathSymlink(m, i(a[0]), i(a[1]), i(a[2]), i(a[3]), i(a[4]))),
            fn(
                    "path_unlink_file",
                    List.of(I32, I32, I32),
                    ERRNO,
                    (w, m, a) -> w.pathUnlinkFile(m, i(a[0]), i(a[1]), i(a[2]))),
            fn(
                    "poll_oneoff",
                    List.of(I32, I32, I32, I32),
                    ERRNO,
                    (w, m, a) -> w.pollOneoff(m, i(a[0]), i(a[1]), i(a[2]), i(a[3]))),
            fn("proc_exit", List.of(I32), List.of(), (w, m, a) -> {
                w.procExit(m, i(a[0]));
                return 0;
            }),
            fn("proc_raise", List.of(I32), ERRNO, (w, m, a) -> w.procRaise(m, i(a[0]))),
            fn("sched_yield", List.of(), ERRNO, (w, m, a) -> w.schedYield(m)),
            fn("random_get", List.of(I32, I32), ERRNO, (w, m, a) -> w.randomGet(m, i(a[0]), i(a[1]))),
            fn("sock_accept", List.of(I32, I32, I32), ERRNO, (w, m, a) -> w.sockAccept(m, i(a[0]), i(a[1]), i(a[2]))),
            fn(
                    "sock_recv",
                    List.of(I32, I32, I32, I32, I32, I32),
                    ERRNO,
                    (w, m, a) -> w.sockRecv(m, i(a[0]), i(a[1]), i(a[2]), i(a[3]), i(a[4]), i(a[5]))),
            fn(
                    "sock_send",
                    List.of(I32, I32, I32, I32, I32),
                    ERRNO,
                    (w, m, a) -> w.sockSend(m, i(a[0]), i(a[1]), i(a[2]), i(a[3]), i(a[4]))),
            fn("sock_shutdown", List.of(I32, I32), ERRNO, (w, m, a) -> w.sockShutdown(m, i(a[0]), i(a[1]))));

    private static final Map<String, WasiFunction> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(WasiFunction::name, Function.identity()));

    private WasiFunctions() {}

    /** The function named {@code name}, or null when preview1 has none by that name. */
    public static WasiFunction byName(String name) {
        return BY_NAME.get(name);
    }

    private static WasiFunction fn(String name, List<ValType> params, List<ValType> results, Invoker invoker) {
        return new WasiFunction(name, params, results, invoker);
    }

    /** An i32 argument: the low 32 bits of its {@code long} carrier. */
    private static int i(long v) {
        return (int) v;
    }
}
