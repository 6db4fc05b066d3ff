package dev.jwasm.cli;

import dev.jwasm.wat.WastCommand;
import dev.jwasm.wat.WastOutcome;
import dev.jwasm.wat.WastRunner;
import dev.jwasm.wat.WastScript;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jwasm wast FILE.wast}: runs a spec-format script and counts its assertions. */
@Command(
        name = "wast",
        mixinStandardHelpOptions = true,
        description = "Run a .wast script: print each failed command, then the counts.")
final class WastScriptCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE.wast", description = "The script.")
    Path file;

    @Mixin
    EngineOptions engineOptions;

    @Option(
            names = {"-v", "--verbose"},
            description = "Also print passed and skipped commands, with the reason for each skip.")
    boolean verbose;

    @Override
    public Integer call() {
        String text = ModuleFiles.readText(file);
        var script = WastScript.parse(text, file.toString());
        try (var runner = new WastRunner(engineOptions.buildEngine())) {
            return run(script, runner);
        }
    }

    private int run(WastScript script, WastRunner runner) {
        var counts = new EnumMap<WastOutcome.Status, Integer>(WastOutcome.Status.class);
        var out = spec.commandLine().getOut();
        for (WastCommand command : script.commands()) {
            WastOutcome outcome = runner.run(command);
            counts.merge(outcome.status(), 1, Integer::sum);
            if (verbose || outcome.status() == WastOutcome.Status.FAILED) {
                out.printf(
                        "%s:%d %s %s%s%n",
                        file,
                        command.pos().line(),
                        outcome.status().name().toLowerCase(Locale.ROOT),
                        command.getClass().getSimpleName(),
                        outcome.detail().isEmpty() ? "" : ": " + outcome.detail());
            }
        }
        int failed = counts.getOrDefault(WastOutcome.Status.FAILED, 0);
        out.printf(
                "%d passed, %d failed, %d skipped%n",
                counts.getOrDefault(WastOutcome.Status.PASSED, 0),
                failed,
                counts.getOrDefault(WastOutcome.Status.SKIPPED, 0));
        return failed == 0 ? ExitCodes.OK : ExitCodes.ASSERTION_FAILED;
    }
}
