package dev.jwasm.it.wasi;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code jwasm} command as a child process, the way {@code bin/jwasm} does: the JDK
 * running the tests, the CLI's module path from {@code cli/target} (system property {@code
 * jwasm.cli}, else {@code ../cli/target}), which the reactor packages before {@code it}.
 */
public final class JwasmProcess {
    /** What one run produced. */
    public record Result(int exitCode, String stdout, String stderr) {}

    /** Thrown when the process outlives its timeout; it has been killed. */
    public static final class TimeoutException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TimeoutException(String message) {
            super(message);
        }
    }

    private final Path cliTarget;
    private final Path classDataArchive;

    private JwasmProcess(Path cliTarget, Path classDataArchive) {
        this.cliTarget = cliTarget;
        this.classDataArchive = classDataArchive;
    }

    /**
     * The built CLI, if present. {@code classDataArchive} is where the JVM keeps its archive of the
     * CLI's classes between runs (as {@code bin/jwasm} does beside the build): it saves each of the
     * many short runs a fraction of its start-up.
     */
    public static Optional<JwasmProcess> find(Path classDataArchive) {
        Path target = cliTarget();
        boolean built =
                Files.isRegularFile(target.resolve("jwasm-cli.jar")) && Files.isDirectory(target.resolve("lib"));
        return built ? Optional.of(new JwasmProcess(target, classDataArchive)) : Optional.empty();
    }

    public static String absentMessage() {
        return "the jwasm CLI is not built at " + cliTarget()
                + "; package the cli module first (./mvnw -B package -pl cli -am) or pass -Djwasm.cli=DIR";
    }

    /**
     * Absolute and normalized: measured on JDK 25.0.3, a module path through {@code ..} makes the
     * second run from a dynamic class-data archive fail with "sealing violation: package picocli
     * is sealed".
     */
    private static Path cliTarget() {
        return Path.of(System.getProperty("jwasm.cli", "../cli/target"))
                .toAbsolutePath()
                .normalize();
    }

    /**
     * Runs {@code jwasm ARGS} in {@code workDir}, which also receives the captured output files,
     * and waits at most {@code timeout}.
     */
    public Result run(List<String> jwasmArgs, Path workDir, Duration timeout) throws IOException, InterruptedException {
        return run(List.of(), jwasmArgs, workDir, timeout);
    }

    /** As {@link #run(List, Path, Duration)}, with {@code jvmOptions} (e.g. {@code -D}s) for the JVM. */
    public Result run(List<String> jvmOptions, List<String> jwasmArgs, Path workDir, Duration timeout)
            throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-XX:+AutoCreateSharedArchive");
        command.add("-XX:SharedArchiveFile=" + classDataArchive.toAbsolutePath());
        command.add("-Xlog:cds=off,cds+dynamic=off");
        command.add("--enable-native-access=dev.jwasm.memory.mmap");
        command.add("-p");
        command.add(cliTarget.resolve("jwasm-cli.jar") + File.pathSeparator + cliTarget.resolve("lib"));
        command.add("-m");
        command.add("dev.jwasm.cli/dev.jwasm.cli.Main");
        command.addAll(jwasmArgs);
        // Output goes to files, never pipes: a program writing more than a pipe holds cannot block.
        Path out = Files.createTempFile(workDir, "stdout", ".txt");
        Path err = Files.createTempFile(workDir, "stderr", ".txt");
        var builder = new ProcessBuilder(command);
        var process = builder.directory(workDir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        process.getOutputStream().close(); // stdin: at its end at once, as from /dev/null
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new TimeoutException("jwasm " + String.join(" ", jwasmArgs) + " ran longer than " + timeout);
        }
        try {
            return new Result(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the output of jwasm", e);
        }
    }
}
