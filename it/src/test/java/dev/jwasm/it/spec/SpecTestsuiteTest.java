package dev.jwasm.it.spec;

import static org.junit.jupiter.api.Assertions.fail;

import dev.jwasm.api.JwasmException;
import dev.jwasm.wat.WastCommand;
import dev.jwasm.wat.WastOutcome;
import dev.jwasm.wat.WastRunner;
import dev.jwasm.wat.WastScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.TestAbortedException;

/**
 * The official spec testsuite, every {@code .wast} under {@code ../shared/testsuite}, once per
 * backend combination on the module path: one dynamic test per file and command. At the end it
 * prints a table of passed/failed/skipped per combination and file and writes the same as
 * {@code it/target/spec-summary.json}. Failures listed in {@code it/expected-failures.txt} are
 * counted as failed and reported as skipped tests naming their reason; every failure, listed or
 * not, is also written to {@code it/target/spec-failures.txt}. The JIT runs eager and strict; what
 * it compiled and left to the interpreter goes to {@code it/target/jit-coverage.json} and
 * {@code it/target/jit-interpreted.txt} (see {@link JitCoverage}).
 */
class SpecTestsuiteTest {
    private static final Path SUMMARY_FILE = Path.of("target", "spec-summary.json");
    private static final Path EXPECTED_FAILURES = Path.of("expected-failures.txt");
    private static final Path FAILURES_FILE = Path.of("target", "spec-failures.txt");
    private static final Path JIT_COVERAGE_FILE = Path.of("target", "jit-coverage.json");
    private static final Path JIT_INTERPRETED_FILE = Path.of("target", "jit-interpreted.txt");
    private static final SpecSummary SUMMARY = new SpecSummary();
    /** Every failure, listed or not, as {@code file:line command [combination]: detail}. */
    private static final Queue<String> FAILURES = new ConcurrentLinkedQueue<>();

    @TestFactory
    Stream<DynamicNode> testsuite() {
        var root = Testsuite.root();
        Assumptions.assumeTrue(root.isPresent(), Testsuite::absentMessage);
        var expected =
                Files.exists(EXPECTED_FAILURES) ? ExpectedFailures.load(EXPECTED_FAILURES) : ExpectedFailures.none();
        var scripts = Testsuite.scripts(root.get());
        return Combination.available().stream()
                .map(combination -> DynamicContainer.dynamicContainer(
                        combination.key(),
                        scripts.stream().map(file -> script(root.get(), file, combination, expected))));
    }

    private static DynamicNode script(Path root, String file, Combination combination, ExpectedFailures expected) {
        SUMMARY.touch(combination.key(), file);
        WastScript script;
        try {
            script = WastScript.parse(Files.readString(root.resolve(file)), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JwasmException e) {
            return DynamicTest.dynamicTest(file + " parses", () -> fail(file + " does not parse: " + e.getMessage()));
        }
        // One runner (and store) per script, made when its first command runs and closed after its last.
        var runner = new WastRunner[1];
        List<DynamicNode> tests = new ArrayList<>();
        var commands = script.commands();
        for (int i = 0; i < commands.size(); i++) {
            WastCommand command = commands.get(i);
            boolean first = i == 0;
            boolean last = i == commands.size() - 1;
            int line = command.pos().line();
            String name = file + ":" + line + " " + kind(command);
            tests.add(DynamicTest.dynamicTest(name, () -> {
                if (first) {
                    runner[0] = new WastRunner(combination.engine(Testsuite.features(file)));
                }
                boolean failed = true;
                try {
                    check(runner[0], combination, file, line, name, command, expected);
                    failed = false;
                } catch (TestAbortedException e) {
                    failed = false;
                    throw e;
                } finally {
                    if (last) {
                        runner[0].close();
                        // A counted file that failed less than its count has a stale line: that fails too.
                        var stale = expected.checkCount(combination.key(), file);
                        if (stale.isPresent() && !failed) {
                            fail(stale.get());
                        }
                    }
                }
            }));
        }
        return DynamicContainer.dynamicContainer(file, tests);
    }

    private static void check(
            WastRunner runner,
            Combination combination,
            String file,
            int line,
            String name,
            WastCommand command,
            ExpectedFailures expected) {
        WastOutcome outcome;
        try {
            outcome = runner.run(command);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // Anything but a JwasmException escaping jwasm is a bug worth its own failure text.
            outcome = WastOutcome.failed("no internal error", e.toString());
        }
        SUMMARY.record(combination.key(), file, outcome.status());
        switch (outcome.status()) {
            case PASSED -> {}
            case SKIPPED -> Assumptions.abort(outcome.detail());
            case FAILED -> {
                FAILURES.add(name + " [" + combination.key() + "]: " + outcome.detail());
                var entry = expected.expect(combination.key(), file, line);
                if (entry.isPresent()) {
                    Assumptions.abort("expected failure (" + entry.get().reason() + "): " + outcome.detail());
                }
                fail(name + " [" + combination.key() + "]: " + outcome.detail());
            }
        }
    }

    @AfterAll
    static void report() {
        if (SUMMARY.snapshot().isEmpty()) {
            return;
        }
        System.out.println(SUMMARY.toTable());
        SUMMARY.writeJson(SUMMARY_FILE);
        System.out.println("spec summary written to " + SUMMARY_FILE.toAbsolutePath());
        try {
            Files.write(FAILURES_FILE, FAILURES.stream().sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + FAILURES_FILE, e);
        }
        JitCoverage.write(JIT_COVERAGE_FILE, JIT_INTERPRETED_FILE);
        System.out.println("JIT coverage (eager, strict) written to " + JIT_COVERAGE_FILE.toAbsolutePath() + ":\n"
                + JitCoverage.toJson() + "left to the interpreter, by reason:");
        JitCoverage.byReason().forEach((reason, n) -> System.out.println("  " + n + "  " + reason));
    }

    private static String kind(WastCommand command) {
        String simple = command.getClass().getSimpleName();
        var snake = new StringBuilder();
        for (char ch : simple.toCharArray()) {
            if (Character.isUpperCase(ch) && !snake.isEmpty()) {
                snake.append('_');
            }
            snake.append(Character.toLowerCase(ch));
        }
        return snake.toString();
    }
}
