package dev.jwasm.cli;

import dev.jwasm.api.JwasmException;
import dev.jwasm.api.Trap;
import java.io.PrintWriter;
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
}
