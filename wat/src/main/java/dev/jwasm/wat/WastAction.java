package dev.jwasm.wat;

import java.util.List;

/** An action on a module instance; {@code module} null means the most recent instance. */
public sealed interface WastAction {
    String module();

    String name();

    /** {@code (invoke $m? "name" arg*)}. */
    record Invoke(String module, String name, List<WastValue> args) implements WastAction {
        public Invoke {
            args = List.copyOf(args);
        }
    }

    /** {@code (get $m? "name")}: read an exported global. */
    record Get(String module, String name) implements WastAction {}
}
