package dev.jwasm.cli;

import dev.jwasm.api.Features;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code -W LIST}: the WebAssembly features a command accepts, as wasmtime's {@code -W} does. */
final class FeatureOptions {
    @Option(
            names = {"-W", "--wasm-features"},
            paramLabel = "LIST",
            description = "Turn WebAssembly features on, or off with a leading '-', comma-separated; repeatable."
                    + " Known: threads, multi-memory, multi-table, memory64 (on by default), custom-page-sizes,"
                    + " wide-arithmetic, custom-descriptors (off by default), all."
                    + " Example: -W custom-page-sizes,-multi-memory")
    List<String> lists = new ArrayList<>();

    /** The default features with every list applied in order; an unknown name is a usage error. */
    Features features() {
        var features = Features.defaults();
        for (String list : lists) {
            features = features.apply(list);
        }
        return features;
    }
}
