package dev.jwasm.cli;

import dev.jwasm.api.ConfigurationException;
import dev.jwasm.api.ExportedFunction;
import dev.jwasm.api.Instance;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.NumType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.wasi.WasiConfig;
import dev.jwasm.wasi.WasiExitException;
import dev.jwasm.wasi.WasiImports;
import dev.jwasm.wasi.WasiPreview1;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jwasm run FILE [ARGS…]}: runs a WASI command's {@code _start}, or with {@code --invoke}
 * calls one export with arguments parsed by its parameter types. Deny by default: the program
 * sees only the directories, environment variables and arguments given here.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run a WASI program (.wasm or .wat), or call one of its exports with --invoke.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engineOptions;

    @Option(
            names = "--dir",
            paramLabel = "HOST[::GUEST]",
            description = "Give the program a host directory, seen as GUEST (default: the same path).")
    List<String> dirs = new ArrayList<>();

    @Option(
            names = "--dir-ro",
            paramLabel = "HOST[::GUEST]",
            description = "Like --dir, read-only: the program may not change anything below it.")
    List<String> readOnlyDirs = new ArrayList<>();

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "Set an environment variable for the program.")
    List<String> env = new ArrayList<>();

    @Option(names = "--inherit-env", description = "Pass this process's whole environment to the program.")
    boolean inheritEnv;

    @Option(
            names = "--invoke",
            paramLabel = "NAME",
            description = "Call this export with ARGS as its arguments and print its results, instead of _start.")
    String invoke;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            converter = TimeSpan.class,
            description =
                    "Stop the program with the trap \"deadline exceeded\" after this long, e.g. 500ms, 10s or 2m.")
    Duration timeout;

    @Option(
            names = "--fuel",
            paramLabel = "N",
            description = "Stop the program with the trap \"all fuel consumed\" after N units of fuel: "
                    + "each function call and each loop iteration takes one.")
    Long fuel;

    @Option(
            names = "-S",
            paramLabel = "SETTING",
            split = ",",
            description = "A WASI setting, as wasmtime names them: 'threads' (or threads=y|n) lets the program"
                    + " start threads through the wasi-threads import wasi thread-spawn.")
    List<String> wasiSettings = new ArrayList<>();

    @Option(names = "--wasi-threads", description = "The same as -S threads.")
    boolean wasiThreads;

    @Option(
            names = {"-v", "--verbose"},
            description = "On a trap, also print the JVM side: the exception and any cause with its Java stack.")
    boolean verbose;

    @Parameters(index = "0", paramLabel = "FILE", description = "The program: a .wasm binary or a .wat text file.")
    Path file;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the program (or for --invoke).")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        if (fuel != null && fuel < 0) {
            throw new ConfigurationException("--fuel must not be negative, not " + fuel);
        }
        var engine = engineOptions.builder().consumeFuel(fuel != null).build();
        var module =
                engine.decode(ModuleFiles.readBinary(file, engine.features())).validate();
        try (var store = new Store(engine);
                var wasi = new WasiPreview1(wasiConfig())) {
            // Both limits start before instantiation: a start function counts too.
            if (fuel != null) {
                store.setFuel(fuel);
            }
            if (timeout != null) {
                store.setTimeout(timeout);
            }
            try {
                Instance instance = WasiImports.instantiate(new Linker(), store, module, wasi);
                return invoke == null ? start(instance, wasi) : invokeExport(store, instance, wasi);
            } catch (WasiExitException exit) {
                return exit.exitCode();
            } catch (Trap trap) {
                TrapReport.print(spec.commandLine().getErr(), trap, verbose);
                return ExitCodes.TRAP;
            }
        }
    }

    private int start(Instance instance, WasiPreview1 wasi) {
        if (!instance.exportNames().contains("_start")) {
            throw new ConfigurationException(file + " exports no _start function; name one with --invoke");
        }
        call(instance.function("_start"), wasi);
        return ExitCodes.OK;
    }

    /** Calls the program's main function; a threaded program ends, with all its threads, after it. */
    private static long[] call(ExportedFunction function, WasiPreview1 wasi, long... args) {
        var threads = wasi.threads();
        return threads.isPresent() ? threads.get().callMain(function, args) : function.call(args);
    }

    /** Whether -S threads (or --wasi-threads) is given; other settings are errors. */
    private boolean threadsSetting() {
        boolean threads = wasiThreads;
        for (String setting : wasiSettings) {
            switch (setting.strip()) {
                case "threads", "threads=y", "threads=yes", "threads=true" -> threads = true;
                case "threads=n", "threads=no", "threads=false" -> threads = false;
                default ->
                    throw new ConfigurationException(
                            "unknown WASI setting -S " + setting + "; supported: threads[=y|n]");
            }
        }
        return threads;
    }

    private int invokeExport(Store store, Instance instance, WasiPreview1 wasi) {
        if (!instance.exportNames().contains(invoke)) {
            throw new ConfigurationException(file + " exports no \"" + invoke + "\"; its exports: "
                    + String.join(", ", instance.exportNames().stream().sorted().toList()));
        }
        ExportedFunction function = instance.function(invoke);
        FuncType type = function.type();
        if (args.size() != type.params().size()) {
            throw new ConfigurationException(
                    invoke + " takes " + type.params().size() + " arguments " + type.params() + ", not " + args.size());
        }
        long[] values = new long[args.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = parseValue(type.params().get(i), args.get(i), i);
        }
        long[] results = call(function, wasi, values);
        var out = spec.commandLine().getOut();
        // The flat layout: a v128 result takes two longs, low half first.
        int at = 0;
        for (ValType t : type.results()) {
            if (t == ValType.V128) {
                out.println(formatV128(results[at], results[at + 1]));
                at += 2;
            } else if (GcFormat.isGcValue(results[at])) {
                out.println(GcFormat.format(instance, Internals.state(store).gcHeap(), results[at++]));
            } else {
                out.println(formatValue(t, results[at++]));
            }
        }
        return ExitCodes.OK;
    }

    private WasiConfig wasiConfig() {
        var config = WasiConfig.builder().inheritStdio().threads(threadsSetting());
        config.arg(file.getFileName().toString());
        if (invoke == null) {
            args.forEach(config::arg);
        }
        for (String variable : env) {
            int eq = variable.indexOf('=');
            if (eq <= 0) {
                throw new ConfigurationException("--env takes NAME=VALUE, not '" + variable + "'");
            }
            config.env(variable.substring(0, eq), variable.substring(eq + 1));
        }
        if (inheritEnv) {
            config.inheritEnv();
        }
        dirs.forEach(d -> preopen(config, d, false));
        readOnlyDirs.forEach(d -> preopen(config, d, true));
        return config.build();
    }

    private static void preopen(WasiConfig.Builder config, String spec, boolean readOnly) {
        int split = spec.indexOf("::");
        String host = split < 0 ? spec : spec.substring(0, split);
        String guest = split < 0 ? spec : spec.substring(split + 2);
        Path hostPath = Path.of(host);
        if (!Files.isDirectory(hostPath)) {
            throw new ConfigurationException("--dir " + spec + ": " + host + " is not a directory");
        }
        config.preopen(hostPath, guest, readOnly);
    }

    /** Parses a command-line argument as a value of a numeric Wasm type. */
    static long parseValue(ValType type, String text, int index) {
        try {
            if (!(type instanceof NumType number)) {
                throw new ConfigurationException(
                        "argument " + (index + 1) + " is a " + type + ", which cannot be given on the command line");
            }
            return switch (number) {
                case I32 -> (int) parseInteger(text, 32);
                case I64 -> parseInteger(text, 64);
                case F32 -> Float.floatToRawIntBits(Float.parseFloat(text));
                case F64 -> Double.doubleToRawLongBits(Double.parseDouble(text));
            };
        } catch (NumberFormatException e) {
            throw new ConfigurationException("argument " + (index + 1) + " '" + text + "' is not a valid " + type, e);
        }
    }

    /** Signed or unsigned decimal, or 0x hex, that fits {@code bits}. */
    private static long parseInteger(String text, int bits) {
        String t = text.strip();
        boolean hex = t.startsWith("0x") || t.startsWith("0X");
        long value = hex ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
        if (bits == 32 && (value < Integer.MIN_VALUE || value > 0xFFFF_FFFFL)) {
            throw new NumberFormatException("out of range for i32");
        }
        return value;
    }

    static String formatValue(ValType type, long raw) {
        if (type instanceof NumType number) {
            return switch (number) {
                case I32 -> Integer.toString((int) raw);
                case I64 -> Long.toString(raw);
                case F32 -> Float.toString(Float.intBitsToFloat((int) raw));
                case F64 -> Double.toString(Double.longBitsToDouble(raw));
            };
        }
        // References: null for every type, else the type and the raw tagged value.
        return raw == 0 ? "null" : type + " 0x" + Long.toHexString(raw);
    }

    /** A v128 as "v128 0x" and its 32 hex digits, most significant first. */
    static String formatV128(long low, long high) {
        return String.format("v128 0x%016x%016x", high, low);
    }

    static final class TimeSpan implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Sizes.parseDuration(value);
        }
    }
}
