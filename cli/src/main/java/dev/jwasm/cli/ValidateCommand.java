package dev.jwasm.cli;

import dev.jwasm.api.WasmModule;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jwasm validate FILE}: decodes and validates, printing nothing but the verdict. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = "Check that a module (.wasm or .wat) is well-formed and valid.")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    FeatureOptions featureOptions;

    @Parameters(paramLabel = "FILE", description = "The module: a .wasm binary or a .wat text file.")
    Path file;

    @Override
    public Integer call() {
        var features = featureOptions.features();
        WasmModule.decode(ModuleFiles.readBinary(file, features), features).validate();
        spec.commandLine().getOut().println(file + ": valid");
        return ExitCodes.OK;
    }
}
