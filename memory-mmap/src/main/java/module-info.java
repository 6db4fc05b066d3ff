/**
 * Linear memory in a guard-paged mmap reservation, through the Foreign Function &amp; Memory API.
 * The backend is used only where native access is enabled for this module
 * ({@code --enable-native-access=dev.jwasm.memory.mmap}, or {@code ALL-UNNAMED} on the class path);
 * elsewhere it reports itself unsupported and the engine falls back to the heap backend.
 */
module dev.jwasm.memory.mmap {
    requires transitive dev.jwasm.api;

    exports dev.jwasm.memory.mmap;

    provides dev.jwasm.spi.MemoryProvider with
            dev.jwasm.memory.mmap.MmapMemoryProvider;
}
