package dev.jwasm.cli;

import dev.jwasm.api.WasmModule;
import dev.jwasm.api.model.CustomSection;
import dev.jwasm.api.model.Export;
import dev.jwasm.api.model.ExternType;
import dev.jwasm.api.model.Import;
import dev.jwasm.api.model.ModuleInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jwasm inspect FILE}: what a module declares, without running it. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = "Print a module's size, counts, imports, exports and custom sections.")
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    FeatureOptions featureOptions;

    @Parameters(paramLabel = "FILE", description = "The module: a .wasm binary or a .wat text file.")
    Path file;

    @Override
    public Integer call() {
        var features = featureOptions.features();
        byte[] binary = ModuleFiles.readBinary(file, features);
        ModuleInfo info = WasmModule.decode(binary, features).info();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("module %s: %d bytes%n", file, binary.length);
        out.printf(
                "types %d, functions %d, tables %d, memories %d, globals %d, tags %d, data segments %d,"
                        + " element segments %d%n",
                info.types().size(),
                info.functions().size(),
                info.tables().size(),
                info.memories().size(),
                info.globals().size(),
                info.tags().size(),
                info.datas().size(),
                info.elements().size());
        out.printf("imports (%d):%n", info.imports().size());
        for (Import i : info.imports()) {
            out.printf("  %s %s.%s: %s%n", kind(i.type()), i.module(), i.name(), describe(info, i.type()));
        }
        out.printf("exports (%d):%n", info.exports().size());
        for (Export e : info.exports()) {
            out.printf("  %s \"%s\" = index %d%n", e.kind().name().toLowerCase(Locale.ROOT), e.name(), e.index());
        }
        if (info.start() >= 0) {
            out.printf("start function: %d%n", info.start());
        }
        out.printf("custom sections (%d):%n", info.customs().size());
        for (CustomSection c : info.customs()) {
            out.printf("  \"%s\": %d bytes%n", c.name(), c.length());
        }
        return ExitCodes.OK;
    }

    private static String kind(ExternType type) {
        return type.kind().name().toLowerCase(Locale.ROOT);
    }

    private static String describe(ModuleInfo info, ExternType type) {
        if (type instanceof ExternType.Func(int typeIndex, var _)) {
            var types = info.types();
            return typeIndex < types.size()
                    ? types.get(typeIndex).composite().toString()
                    : "type " + typeIndex + " (undefined)";
        }
        return type.toString();
    }
}
