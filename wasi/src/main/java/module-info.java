/** WASI preview1 ({@code wasi_snapshot_preview1}) host functions, deny-by-default. */
module dev.jwasm.wasi {
    requires transitive dev.jwasm.api;

    exports dev.jwasm.wasi;
}
