package dev.jwasm.it.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Engine;
import dev.jwasm.api.Instance;
import dev.jwasm.api.JwasmException;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.WasmException;
import dev.jwasm.api.WasmModule;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.exec.interp.InterpreterProvider;
import dev.jwasm.exec.jit.JitListener;
import dev.jwasm.exec.jit.JitProvider;
import dev.jwasm.exec.jit.Uncompiled;
import dev.jwasm.it.spec.Testsuite;
import dev.jwasm.memory.heap.HeapMemoryProvider;
import dev.jwasm.wasi.WasiConfig;
import dev.jwasm.wasi.WasiExitException;
import dev.jwasm.wasi.WasiImports;
import dev.jwasm.wasi.WasiPreview1;
import dev.jwasm.wat.WastCommand;
import dev.jwasm.wat.WastOutcome;
import dev.jwasm.wat.WastRunner;
import dev.jwasm.wat.WastScript;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The interpreter and the JIT must agree on everything observable: the same results (bit for
 * bit), traps (message) and output. Time is bounded by fuel, which both tiers take at the same
 * points (function entries and loop back-edges), so a program cut short stops at the same place
 * on both and must have printed the same by then.
 *
 * <p>Every {@code ../shared/bench} program runs {@code _start} on both tiers (stdout, stderr,
 * exit code, trap), and every {@code .wast} script of the spec testsuite runs command by command
 * on both, every command with the same outcome, and after each module every exported function is
 * also called with zero arguments on both.
 */
class DifferentialTest {
    /** Fuel per bench program run: a few seconds on the interpreter at most. */
    private static final long PROGRAM_FUEL = 1_000_000;
    /** Fuel per zero-argument call of an export. */
    private static final long CALL_FUEL = 200_000;
    /** Fuel per script command: the spec's own commands are short. */
    private static final long COMMAND_FUEL = 1L << 40;

    private static Engine interp(dev.jwasm.api.Features features) {
        return Engine.builder()
                .memory(new HeapMemoryProvider())
                .executor(new InterpreterProvider())
                .features(features)
                .consumeFuel(true)
                .build();
    }

    private static Engine jit(dev.jwasm.api.Features features, JitListener listener) {
        return Engine.builder()
                .memory(new HeapMemoryProvider())
                .executor(new JitProvider(listener))
                .features(features)
                .consumeFuel(true)
                .jitEager(true)
                .build();
    }

    // ---- bench programs

    private static Path benchRoot() {
        return Path.of(System.getProperty("jwasm.bench", "../shared/bench"));
    }

    @TestFactory
    Stream<DynamicTest> benchProgramsBehaveAlikeOnBothTiers() throws IOException {
        Path root = benchRoot();
        Assumptions.assumeTrue(
                Files.isDirectory(root),
                "bench programs not found at " + root + "; put them there or pass -Djwasm.bench=DIR");
        List<Path> programs;
        try (var files = Files.walk(root)) {
            programs =
                    files.filter(f -> f.toString().endsWith(".wasm")).sorted().toList();
        }
        assertTrue(!programs.isEmpty(), "no .wasm under " + root);
        return programs.stream()
                .map(p -> DynamicTest.dynamicTest(root.relativize(p).toString(), () -> {
                    byte[] wasm = Files.readAllBytes(p);
                    var interpreted = new ArrayList<Uncompiled>();
                    String onInterp = runProgram(interp(dev.jwasm.api.Features.defaults()), wasm);
                    String onJit = runProgram(
                            jit(dev.jwasm.api.Features.defaults(), (compiled, left) -> interpreted.addAll(left)), wasm);
                    assertEquals(onInterp, onJit);
                    // Every function of every bench program compiles (none is left to the interpreter).
                    assertEquals(List.of(), interpreted);
                }));
    }

    /** Runs {@code _start} with bounded fuel: what it printed, and how it ended. */
    private static String runProgram(Engine engine, byte[] wasm) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var config = WasiConfig.builder().arg("program").stdout(out).stderr(err).build();
        String end;
        try (var store = new Store(engine);
                var wasi = new WasiPreview1(config)) {
            store.setFuel(PROGRAM_FUEL);
            var noArgs = FuncType.of(List.of(), List.of());
            var linker = new Linker()
                    .define("bench", "start", noArgs, args -> new long[0])
                    .define("bench", "end", noArgs, args -> new long[0]);
            WasiImports.instantiate(linker, store, WasmModule.decode(wasm), wasi)
                    .function("_start")
                    .call();
            end = "returned";
        } catch (WasiExitException e) {
            end = "exit " + e.exitCode();
        } catch (Trap e) {
            end = "trap " + e.getMessage() + " " + e.wasmStackTrace();
        }
        return end + "\nstdout:\n" + out.toString(StandardCharsets.UTF_8) + "\nstderr:\n"
                + err.toString(StandardCharsets.UTF_8);
    }

    // ---- the spec testsuite

    @TestFactory
    Stream<DynamicTest> testsuiteScriptsAndExportsBehaveAlikeOnBothTiers() {
        var root = Testsuite.root();
        Assumptions.assumeTrue(root.isPresent(), Testsuite::absentMessage);
        return Testsuite.scripts(root.get()).stream()
                .map(file -> DynamicTest.dynamicTest(file, () -> compareScript(root.get(), file)));
    }

    private static void compareScript(Path root, String file) throws IOException {
        WastScript script;
        try {
            script = WastScript.parse(Files.readString(root.resolve(file)), file);
        } catch (JwasmException e) {
            Assumptions.abort("does not parse (SpecTestsuiteTest reports it): " + e.getMessage());
            return;
        }
        var features = Testsuite.features(file);
        Queue<String> differences = new ConcurrentLinkedQueue<>();
        try (var a = new WastRunner(interp(features));
                var b = new WastRunner(jit(features, JitListener.NONE))) {
            for (WastCommand command : script.commands()) {
                String where = file + ":" + command.pos().line();
                String onA = outcome(a, command);
                String onB = outcome(b, command);
                if (!onA.equals(onB)) {
                    differences.add(
                            where + " " + command.getClass().getSimpleName() + ": interp " + onA + " | jit " + onB);
                }
                if (command instanceof WastCommand.Module || command instanceof WastCommand.ModuleInstance) {
                    var ia = a.current();
                    var ib = b.current();
                    if (ia.isPresent() && ib.isPresent()) {
                        for (String export : new TreeSet<>(ia.get().exportNames())) {
                            String callA = callWithZeros(a.store(), ia.get(), export);
                            String callB = callWithZeros(b.store(), ib.get(), export);
                            if (!callA.equals(callB)) {
                                differences.add(where + " " + export + "(): interp " + callA + " | jit " + callB);
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), List.copyOf(differences));
    }

    private static String outcome(WastRunner runner, WastCommand command) {
        runner.store().setFuel(COMMAND_FUEL);
        return guarded(() -> {
            WastOutcome o = runner.run(command);
            return o.status() + " " + o.detail();
        });
    }

    /** Calls {@code export} (if it is a function) with all-zero arguments: its results or how it failed. */
    private static String callWithZeros(Store store, Instance instance, String export) {
        if (!isFunction(instance, export)) {
            return "not a function";
        }
        store.setFuel(CALL_FUEL);
        var f = instance.function(export);
        return guarded(
                () -> "returned " + Arrays.toString(f.call(new long[f.type().flatParamCount()])));
    }

    private static boolean isFunction(Instance instance, String export) {
        try {
            instance.function(export);
            return true;
        } catch (JwasmException | ClassCastException e) {
            return false;
        }
    }

    private static String guarded(Supplier<String> action) {
        try {
            return action.get();
        } catch (Trap e) {
            return "trap " + e.getMessage();
        } catch (WasmException e) {
            return "wasm exception";
        } catch (JwasmException e) {
            return e.getClass().getSimpleName() + " " + e.getMessage();
        } catch (RuntimeException | StackOverflowError e) {
            return "internal error " + e;
        }
    }
}
