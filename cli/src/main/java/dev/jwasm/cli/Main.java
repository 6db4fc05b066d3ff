package dev.jwasm.cli;

import dev.jwasm.api.JwasmException;
import dev.jwasm.api.Trap;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;
import picocli.CommandLine;

/** Entry point of the {@code jwasm} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line and returns the exit code, writing to the given streams. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        var commandLine = new CommandLine(new JwasmCommand());
        args = withDefaultSubcommand(commandLine, args);
        commandLine.setOut(out);
        commandLine.setErr(err);
        // Everything after the program file belongs to the program, even if it looks like an option
        // or an @file: picocli would otherwise replace "@name" by the contents of a file "name".
        commandLine.getSubcommands().get("run").setStopAtPositional(true);
        commandLine.setExpandAtFiles(false);
        commandLine.setParameterExceptionHandler((e, unused) -> {
            // One line, like every other error; the usage is one --help away.
            var cl = e.getCommandLine();
            cl.getErr()
                    .println("jwasm: " + e.getMessage() + " (see '"
                            + cl.getCommandSpec().qualifiedName() + " --help')");
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            if (e instanceof Trap trap) {
                TrapReport.print(cl.getErr(), trap, false);
                return ExitCodes.TRAP;
            }
            if (e instanceof JwasmException error) {
                // One line a user can act on; the Java stack trace helps nobody here.
                cl.getErr().println("jwasm: " + error.getMessage());
                return ExitCodes.of(error);
            }
            throw e;
        });
        return commandLine.execute(args);
    }

    /**
     * {@code jwasm FILE ARGS...} and {@code jwasm --dir . FILE} are short for {@code jwasm run ...},
     * as with wasmtime: a first word that is a run option, a {@code .wasm}/{@code .wat} name or an
     * existing file starts a program. Any other unknown word stays a usage error (a mistyped
     * subcommand should not be reported as a missing file).
     */
    private static String[] withDefaultSubcommand(CommandLine commandLine, String[] args) {
        if (args.length == 0
                || commandLine.getSubcommands().containsKey(args[0])
                || TOP_LEVEL_OPTIONS.contains(args[0])) {
            return args;
        }
        String first = args[0];
        boolean program = first.startsWith("-") || first.endsWith(".wasm") || first.endsWith(".wat") || isFile(first);
        if (!program) {
            return args;
        }
        var withRun = new String[args.length + 1];
        withRun[0] = "run";
        System.arraycopy(args, 0, withRun, 1, args.length);
        return withRun;
    }

    /** Whether {@code name} is an existing file; a string that is no path at all is not. */
    private static boolean isFile(String name) {
        try {
            return Files.isRegularFile(Path.of(name));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static final Set<String> TOP_LEVEL_OPTIONS = Set.of("-h", "--help", "-V", "--version");
}
