/** The GC proposal's heap: an arena of 64-bit slots with precise mark-sweep collection. */
module dev.jwasm.gc.arena {
    requires transitive dev.jwasm.api;

    exports dev.jwasm.gc.arena;

    provides dev.jwasm.spi.GcHeapProvider with
            dev.jwasm.gc.arena.ArenaGcHeapProvider;
}
