/** Linear memory in a guard-paged mmap reservation, through the Foreign Function &amp; Memory API. */
module dev.jwasm.memory.mmap {
    requires transitive dev.jwasm.api;

    exports dev.jwasm.memory.mmap;

    provides dev.jwasm.spi.MemoryProvider with
            dev.jwasm.memory.mmap.MmapMemoryProvider;
}
