package dev.jwasm.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level {@code jwasm} command; its work is done by the subcommands. */
@Command(
        name = "jwasm",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "A WebAssembly runtime for the JVM.",
        subcommands = {
            RunCommand.class,
            InspectCommand.class,
            ValidateCommand.class,
            Wat2WasmCommand.class,
            WastScriptCommand.class,
            VersionCommand.class
        })
final class JwasmCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand");
    }
}
