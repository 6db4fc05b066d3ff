/**
 * WASI preview1 ({@code wasi_snapshot_preview1}) host functions.
 *
 * <p>{@link dev.jwasm.wasi.WasiPreview1} implements all 46 functions over a {@link
 * dev.jwasm.spi.LinearMemory}; {@link dev.jwasm.wasi.WasiFunctions#ALL} lists them with their Wasm
 * signatures for a linker; {@link dev.jwasm.wasi.WasiConfig} says what the program may reach.
 *
 * <p>Decisions, where preview1 leaves room:
 *
 * <ul>
 *   <li>Deny by default: no arguments, environment or directories, empty stdin, discarded output.
 *   <li>Escapes ({@code ..} above a directory descriptor, absolute paths, symlinks leading out,
 *       creating absolute symlinks) are {@code EPERM}, as wasmtime reports them. Every directory
 *       descriptor, not only a preopen, is its own sandbox, as in cap-std.
 *   <li>Changes below a read-only preopen are {@code EPERM}; other missing rights are {@code
 *       ENOTCAPABLE}, except reading or writing a descriptor not open for it, which is {@code
 *       EBADF} as in POSIX. {@code path_open} drops requested rights the directory cannot pass on
 *       instead of refusing them, except {@code fd_write}.
 *   <li>A pointer outside memory is {@code EFAULT}; the call changes nothing in that case where
 *       it can check beforehand.
 *   <li>{@code fd_pwrite} writes at its offset even on an append descriptor (POSIX, not Linux).
 *   <li>The CPU-time clocks are {@code ENOTSUP}; {@code proc_raise} is {@code ENOSYS}; there are
 *       no sockets, so {@code sock_*} answer {@code ENOTSOCK} (or {@code EBADF}).
 *   <li>{@code poll_oneoff} treats files and streams as always ready and otherwise sleeps until
 *       the earliest clock subscription.
 * </ul>
 */
package dev.jwasm.wasi;
