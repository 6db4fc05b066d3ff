package dev.jwasm.cli;

import dev.jwasm.wat.Wat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jwasm wat2wasm FILE.wat -o OUT.wasm}: the text format to the binary format. */
@Command(
        name = "wat2wasm",
        mixinStandardHelpOptions = true,
        description = "Translate a .wat text module to a .wasm binary.")
final class Wat2WasmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE.wat", description = "The text module.")
    Path input;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "OUT.wasm",
            description = "Where to write the binary (default: FILE with .wasm instead of .wat).")
    Path output;

    @Override
    public Integer call() {
        String text = ModuleFiles.readText(input);
        byte[] binary = Wat.toBinary(text);
        Path target = output != null ? output : defaultOutput(input);
        try {
            Files.write(target, binary);
        } catch (IOException e) {
            throw new ModuleFiles.UnreadableFileException("cannot write " + target + ": " + e.getMessage(), e);
        }
        spec.commandLine().getOut().printf("%s: %d bytes written%n", target, binary.length);
        return ExitCodes.OK;
    }

    private static Path defaultOutput(Path input) {
        String name = input.getFileName().toString();
        String base = name.endsWith(".wat") ? name.substring(0, name.length() - 4) : name;
        return input.resolveSibling(base + ".wasm");
    }
}
