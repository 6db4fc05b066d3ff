package dev.jwasm.it.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * binaryen's {@code wasm-opt}, from the {@code binaryen} npm package (an Emscripten build that runs
 * on node), installed by the test itself into {@code target/} on first use so that a plain {@code
 * ./mvnw -B verify} on a fresh machine needs nothing but node and the npm registry. A machine
 * without them skips the differential tests with a message that says so.
 */
final class BinaryenTool {
    /** Pinned: the fuzz-exec output format and the generated modules depend on the version. */
    static final String VERSION = "132.0.0";

    private static final long INSTALL_TIMEOUT_SECONDS = 300;

    private final Path wasmOpt;
    private final Path driver;

    private BinaryenTool(Path wasmOpt, Path driver) {
        this.wasmOpt = wasmOpt;
        this.driver = driver;
    }

    /** The installed tool; aborts the calling test (a skip) when it cannot be had here. */
    static BinaryenTool installOrSkip(Path workDir) {
        var prefix = Path.of(System.getProperty("jwasm.binaryen.dir", "target/binaryen-" + VERSION));
        var wasmOpt = prefix.resolve("node_modules/binaryen/bin/wasm-opt");
        if (!Files.isRegularFile(wasmOpt)) {
            var npm = run(List.of("npm", "--version"), 60);
            Assumptions.assumeTrue(
                    npm.ok(), "npm (Node.js 18 or newer) is not on the PATH, so binaryen cannot be installed: " + npm);
            var install = run(
                    List.of(
                            "npm",
                            "install",
                            "--prefix",
                            prefix.toString(),
                            "--no-audit",
                            "--no-fund",
                            "--no-save",
                            "binaryen@" + VERSION),
                    INSTALL_TIMEOUT_SECONDS);
            Assumptions.assumeTrue(
                    install.ok() && Files.isRegularFile(wasmOpt),
                    "could not install binaryen@" + VERSION + " from the npm registry into " + prefix + ": " + install);
        }
        try {
            Files.createDirectories(workDir);
            var driver = workDir.resolve("wasm-opt-batch.cjs");
            try (InputStream in = BinaryenTool.class.getResourceAsStream("wasm-opt-batch.cjs")) {
                Files.write(driver, in.readAllBytes());
            }
            return new BinaryenTool(wasmOpt.toAbsolutePath(), driver.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One wasm-opt invocation: its arguments and the file that receives its output. */
    record Job(List<String> argv, Path out) {}

    /** Runs every job in one node process; each job's output lands in its {@code out} file. */
    void runAll(List<Job> jobs, Path jobFile, long timeoutSeconds) {
        var lines = new StringBuilder();
        for (var job : jobs) {
            lines.append("{\"argv\":[");
            for (int i = 0; i < job.argv().size(); i++) {
                lines.append(i == 0 ? "" : ",").append(jsonString(job.argv().get(i)));
            }
            lines.append("],\"out\":")
                    .append(jsonString(job.out().toAbsolutePath().toString()))
                    .append("}\n");
        }
        try {
            Files.writeString(jobFile, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var result = run(
                List.of(
                        "node",
                        driver.toString(),
                        wasmOpt.toString(),
                        jobFile.toAbsolutePath().toString()),
                timeoutSeconds);
        if (!result.ok()) {
            throw new IllegalStateException("wasm-opt batch failed: " + result);
        }
    }

    private static String jsonString(String s) {
        var b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    record Outcome(boolean ok, String output) {
        @Override
        public String toString() {
            return output.length() > 2000 ? output.substring(output.length() - 2000) : output;
        }
    }

    private static Outcome run(List<String> command, long timeoutSeconds) {
        try {
            var process = new ProcessBuilder(new ArrayList<>(command))
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            var output = new StringBuilder();
            var reader = Thread.ofVirtual().start(() -> {
                try (var in = process.getInputStream()) {
                    output.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    output.append(e);
                }
            });
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                reader.join();
                return new Outcome(false, "timed out after " + timeoutSeconds + " s: " + command + "\n" + output);
            }
            reader.join();
            return new Outcome(process.exitValue() == 0, "exit " + process.exitValue() + ": " + output);
        } catch (IOException e) {
            return new Outcome(false, "cannot run " + command.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, "interrupted");
        }
    }
}
