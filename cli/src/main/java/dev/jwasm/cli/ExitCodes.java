package dev.jwasm.cli;

import dev.jwasm.api.ConfigurationException;
import dev.jwasm.api.JwasmException;
import dev.jwasm.api.LinkException;
import dev.jwasm.api.Trap;
import dev.jwasm.api.WasmException;

/**
 * The exit codes of {@code jwasm}. A WASI program's own {@code proc_exit} code passes through
 * unchanged, so these only describe failures of jwasm itself or of the module.
 */
final class ExitCodes {
    static final int OK = 0;
    /** The Wasm code trapped. */
    static final int TRAP = 1;
    /** Bad command line: unknown option, bad value, unknown backend. */
    static final int USAGE = 2;
    /** The module is malformed or invalid. */
    static final int INVALID_MODULE = 3;
    /** The module's imports cannot be satisfied. */
    static final int UNLINKABLE = 4;
    /** Reading or writing a file failed. */
    static final int IO_ERROR = 5;
    /** {@code jwasm wast}: at least one assertion of the script failed. */
    static final int ASSERTION_FAILED = 6;

    private ExitCodes() {}

    /** The code for an error jwasm reports: malformed, invalid and bad-text modules are all {@link #INVALID_MODULE}. */
    static int of(JwasmException e) {
        return switch (e) {
            // An exception no handler caught ends the program the way a trap does.
            case Trap _, WasmException _ -> TRAP;
            case ConfigurationException _ -> USAGE;
            case ModuleFiles.UnreadableFileException _ -> IO_ERROR;
            case LinkException _ -> UNLINKABLE;
            default -> INVALID_MODULE;
        };
    }
}
