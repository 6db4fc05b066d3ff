package dev.jwasm.api;

import java.util.Objects;
import java.util.Optional;

/**
 * One Wasm function activation in a {@link Trap}'s {@link Trap#wasmStackTrace()}.
 *
 * @param functionIndex the function's index in its module's function index space (imports first)
 * @param functionName its name from the module's {@code name} custom section, if it has one
 */
public record WasmFrame(int functionIndex, Optional<String> functionName) {
    public WasmFrame {
        Objects.requireNonNull(functionName, "functionName");
    }

    /** The name to show: the {@code name} section's, else {@code func[N]} as wasm tools print it. */
    public String displayName() {
        return functionName.orElse("func[" + functionIndex + "]");
    }

    @Override
    public String toString() {
        return displayName();
    }
}
