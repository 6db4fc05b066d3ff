package dev.jwasm.api;

import dev.jwasm.api.model.CustomSection;
import dev.jwasm.api.model.Export;
import dev.jwasm.api.model.Import;
import dev.jwasm.api.model.ModuleInfo;
import dev.jwasm.internal.access.LoweredModule;
import dev.jwasm.internal.binary.ModuleDecoder;
import dev.jwasm.internal.runtime.ModuleAdapter;
import dev.jwasm.internal.validate.ModuleContext;
import dev.jwasm.internal.validate.ModuleValidator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A decoded WebAssembly module: its binary has been read and found well-formed, but it has not
 * been validated yet. Instances are immutable and safe to share between threads.
 */
public final class WasmModule {
    private final ModuleInfo info;
    private final Features features;
    /** The validation result, kept so that validating again (as instantiation does) is free. */
    private volatile ModuleContext validated;
    /**
     * The runtime form instantiation uses, made once: its function bodies are then the same
     * objects in every instance, which lets executors share compiled code between instances.
     */
    private volatile LoweredModule definition;
    /** Guards the lazy validation and adaptation, which must happen once. */
    private final Object lazy = new Object();

    private WasmModule(ModuleInfo info, Features features) {
        this.info = info;
        this.features = features;
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
        return decode(binary, Features.defaults());
    }

    /**
     * Decodes a module binary that may use the given features; validation later follows the same
     * set. An encoding of a disabled feature is malformed ("malformed limits flags", "illegal
     * opcode"), as in a runtime that does not know it.
     *
     * @throws MalformedModuleException if the bytes are not a well-formed module
     * @throws InvalidModuleException for the few validity rules found while decoding
     */
    public static WasmModule decode(byte[] binary, Features features) {
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(features, "features");
        return new WasmModule(ModuleDecoder.decode(binary, features), features);
    }

    /** The features this module was decoded, and is validated, with. */
    public Features features() {
        return features;
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
        context();
        return this;
    }

    /** The validated module's context (types, index spaces); validates on first use. */
    ModuleContext context() {
        var ctx = validated;
        if (ctx == null) {
            synchronized (lazy) {
                ctx = validated;
                if (ctx == null) {
                    ctx = ModuleValidator.validate(info, features);
                    validated = ctx;
                }
            }
        }
        return ctx;
    }

    /**
     * The module as the instantiator takes it, adapted on first use (after validation) and then
     * reused, so its function bodies are the same objects in every instance.
     */
    LoweredModule definition() {
        LoweredModule d = definition;
        if (d == null) {
            // Once only, even when threads instantiate the module at the same time: executors
            // share compiled code between instances by their function bodies' identity.
            synchronized (lazy) {
                d = definition;
                if (d == null) {
                    d = ModuleAdapter.adapt(info, context());
                    definition = d;
                }
            }
        }
        return d;
    }
}
