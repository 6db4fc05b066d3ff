package dev.jwasm.it.wasi;

import static org.junit.jupiter.api.Assertions.fail;

import dev.jwasm.it.spec.SpecSummary;
import dev.jwasm.spi.ExecutorProvider;
import dev.jwasm.wat.WastOutcome.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The WASI testsuite ({@code ../shared/wasi-testsuite}): every program, once per executor on the
 * module path, run through the real {@code jwasm run} as a child process with the arguments,
 * environment and preopened directories of its {@code .json} (the directories copied fresh for
 * each run), its exit code, stdout and stderr compared exactly. An executor that reports itself
 * unsupported has each of its runs reported as skipped with the reason. At the end it prints
 * passed/failed/skipped per executor and suite and writes them to {@code it/target/wasi-summary.json}.
 */
class WasiTestsuiteTest {
    private static final Path SUMMARY_FILE = Path.of("target", "wasi-summary.json");
    private static final Path WORK = Path.of("target", "wasi-work");
    /** Generous for a program that takes well under a second, yet bounds a hang. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final SpecSummary SUMMARY = new SpecSummary();
    /** Why each executor that did not run was skipped, for the printed summary. */
    private static final Map<String, String> SKIPPED_EXECUTORS = new ConcurrentSkipListMap<>();

    @TestFactory
    Stream<DynamicNode> wasiTestsuite() throws IOException {
        Path root = Path.of(System.getProperty("jwasm.wasitests", "../shared/wasi-testsuite"));
        Assumptions.assumeTrue(
                Files.isDirectory(root),
                () -> "WASI testsuite not found at " + root.toAbsolutePath()
                        + "; put wasi-testsuite there or pass -Djwasm.wasitests=DIR");
        Files.createDirectories(WORK);
        // The JVM only stops using an archive made from jars since rebuilt; the first run makes a fresh one.
        Path archive = WORK.resolve("jwasm-cli.jsa");
        Files.deleteIfExists(archive);
        var jwasm = JwasmProcess.find(archive);
        Assumptions.assumeTrue(jwasm.isPresent(), JwasmProcess::absentMessage);
        var suites = programsBySuite(root);
        return executors().stream()
                .map(executor -> DynamicContainer.dynamicContainer(
                        executor.name(),
                        suites.entrySet().stream()
                                .map(suite -> DynamicContainer.dynamicContainer(
                                        suite.getKey(),
                                        suite.getValue().stream()
                                                .map(program ->
                                                        test(jwasm.get(), executor, suite.getKey(), program))))));
    }

    private static DynamicTest test(JwasmProcess jwasm, ExecutorProvider executor, String suite, Path program) {
        String name = program.getFileName().toString();
        SUMMARY.touch(executor.name(), suite);
        return DynamicTest.dynamicTest(name, () -> {
            if (!executor.isSupported()) {
                SUMMARY.record(executor.name(), suite, Status.SKIPPED);
                String reason = executor.name() + " executor not available on this platform/build ("
                        + executor.unsupportedReason() + ")";
                SKIPPED_EXECUTORS.put(executor.name(), reason);
                Assumptions.abort(reason);
            }
            WasiTestSpec spec;
            try {
                spec = WasiTestSpec.of(program);
            } catch (RuntimeException e) {
                SUMMARY.record(executor.name(), suite, Status.FAILED);
                throw new AssertionError(suite + "/" + name + ": its .json cannot be read: " + e.getMessage(), e);
            }
            if (spec.unsupported().isPresent()) {
                SUMMARY.record(executor.name(), suite, Status.SKIPPED);
                Assumptions.abort(spec.unsupported().get());
            }
            Optional<String> failure;
            Path work = Files.createTempDirectory(
                    WORK, (executor.name() + "-" + suite + "-" + name + "-").replace('/', '_'));
            try {
                failure = check(jwasm, executor.name(), program, spec, work);
            } catch (JwasmProcess.TimeoutException e) {
                failure = Optional.of(e.getMessage());
            }
            SUMMARY.record(executor.name(), suite, failure.isEmpty() ? Status.PASSED : Status.FAILED);
            if (failure.isPresent()) {
                fail(suite + "/" + name + " [" + executor.name() + "]: " + failure.get() + " (files kept in " + work
                        + ")");
            }
            deleteTree(work);
        });
    }

    /** Runs the program per its specification in {@code work}; empty when everything matched. */
    private static Optional<String> check(
            JwasmProcess jwasm, String executor, Path program, WasiTestSpec spec, Path work)
            throws IOException, InterruptedException {
        var args = new ArrayList<>(List.of("run", "--engine", executor));
        for (String dir : spec.dirs()) {
            // A fresh copy each run: tests write into their directories.
            Path copy = work.resolve(dir);
            copyTree(program.resolveSibling(dir), copy);
            args.add("--dir");
            args.add(copy.toAbsolutePath() + "::" + dir);
        }
        spec.env().forEach((name, value) -> {
            args.add("--env");
            args.add(name + "=" + value);
        });
        args.add(program.toAbsolutePath().toString());
        args.addAll(spec.args());
        // On the JIT, strict: a function (or a whole module) left to the interpreter fails the
        // run, so this row proves the JIT on the CLI's module path, not the interpreter behind it.
        var jvm = executor.equals("jit") ? List.of("-Djwasm.jit.strict=true") : List.<String>of();
        var result = jwasm.run(jvm, args, work, TIMEOUT);
        var problems = new ArrayList<String>();
        if (result.exitCode() != spec.exitCode()) {
            problems.add("exit code " + result.exitCode() + ", expected " + spec.exitCode());
        }
        if (!result.stdout().equals(spec.stdout())) {
            problems.add("stdout " + quote(result.stdout()) + ", expected " + quote(spec.stdout()));
        }
        if (!result.stderr().equals(spec.stderr())) {
            problems.add("stderr " + quote(result.stderr()) + ", expected " + quote(spec.stderr()));
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    /** Every executor on the module path, supported or not, by name. */
    private static List<ExecutorProvider> executors() {
        return ServiceLoader.load(ExecutorProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(ExecutorProvider::name))
                .toList();
    }

    /** The {@code .wasm} test programs under {@code root}, by folder ("suite") relative to it, sorted. */
    private static Map<String, List<Path>> programsBySuite(Path root) throws IOException {
        var suites = new TreeMap<String, List<Path>>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.getFileName().toString().endsWith(".wasm") && Files.isRegularFile(f))
                    .sorted()
                    .forEach(f -> suites.computeIfAbsent(
                                    root.relativize(f.getParent()).toString().replace('\\', '/'),
                                    s -> new ArrayList<>())
                            .add(f));
        }
        return suites;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    // Without COPY_ATTRIBUTES: the suite is read-only, the copies must be writable.
                    Files.copy(source, target, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String quote(String s) {
        String shown = s.length() > 400 ? s.substring(0, 400) + "…" : s;
        return "\"" + shown.replace("\\", "\\\\").replace("\n", "\\n").replace("\"", "\\\"") + "\"";
    }

    @AfterAll
    static void report() {
        if (SUMMARY.snapshot().isEmpty()) {
            return;
        }
        System.out.println(SUMMARY.toTable());
        SKIPPED_EXECUTORS.forEach((executor, reason) -> System.out.println("skipped " + executor + ": " + reason));
        SUMMARY.writeJson(SUMMARY_FILE);
        System.out.println("WASI summary written to " + SUMMARY_FILE.toAbsolutePath());
    }
}
