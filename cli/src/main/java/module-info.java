/** The {@code jwasm} command line. */
module dev.jwasm.cli {
    requires transitive dev.jwasm.api;
    requires dev.jwasm.wat;
    requires dev.jwasm.wasi;
    requires info.picocli;

    // picocli reads the command classes reflectively.
    opens dev.jwasm.cli to
            info.picocli;
}
