package dev.jwasm.api;

import dev.jwasm.api.model.CustomSection;
import dev.jwasm.api.model.Export;
import dev.jwasm.api.model.Import;
import dev.jwasm.api.model.ModuleInfo;
import dev.jwasm.internal.binary.ModuleDecoder;
import dev.jwasm.internal.runtime.ModuleAdapter;
import dev.jwasm.internal.validate.ModuleValidator;
import dev.jwasm.spi.runtime.ModuleDefinition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A decoded WebAssembly module: its binary has been read and found well-formed, but it has not
 * been validated yet. Instances are immutable and safe to share between threads.
 */
public final class WasmModule {
    private final ModuleInfo info;
    /**
     * The runtime form instantiation uses, made once: its function bodies are then the same
     * objects in every instance, which lets executors share compiled code between instances.
     */
    private volatile ModuleDefinition definition;

    private WasmModule(ModuleInfo info) {
        this.info = info;
    }

    /**
     * Decodes a module binary. The array is copied, so the caller may reuse it.
     *
     * @throws MalformedModuleException if the bytes are not a well-formed module (the message is
     *     the spec testsuite's wording)
     * @throws InvalidModuleException for the few validity rules the model cannot represent (a
     *     limits maximum below its minimum, an unrepresentable page size), found while decoding
     */
    public static WasmModule decode(byte[] binary) {
        Objects.requireNonNull(binary, "binary");
        return new WasmModule(ModuleDecoder.decode(binary));
    }

    /** Everything the binary declares. */
    public ModuleInfo info() {
        return info;
    }

    public List<Import> imports() {
        return info.imports();
    }

    public List<Export> exports() {
        return info.exports();
    }

    public List<CustomSection> customSections() {
        return info.customs();
    }

    /** The payload of the first custom section with this name, if there is one. */
    public Optional<byte[]> customSection(String name) {
        return info.customs().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .map(info::customData);
    }

    /**
     * Validates the module (spec chapter 3): every type, import, export, segment, constant
     * expression and function body.
     *
     * @return this module, for chaining
     * @throws InvalidModuleException at the first rule broken, with the spec testsuite's wording
     */
    public WasmModule validate() {
        ModuleValidator.validate(info);
        return this;
    }

    /** The module as the instantiator takes it, adapted on first use and then reused. */
    ModuleDefinition definition() {
        ModuleDefinition d = definition;
        if (d == null) {
            d = ModuleAdapter.adapt(info);
            definition = d;
        }
        return d;
    }
}
