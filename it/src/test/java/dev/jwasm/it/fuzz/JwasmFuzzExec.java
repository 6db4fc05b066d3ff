package dev.jwasm.it.fuzz;

import dev.jwasm.api.Engine;
import dev.jwasm.api.Instance;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.WasmException;
import dev.jwasm.api.model.ExternKind;
import dev.jwasm.api.model.ValType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a module on jwasm as binaryen's {@code ExecutionResults::collect} does: instantiate, then
 * call each exported function in export order with zero arguments (logging each exported global's
 * value instead), recording the events it compares.
 */
final class JwasmFuzzExec {
    /** Generated modules bound their own loops and recursion (binaryen's hang limit): this is a backstop. */
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private JwasmFuzzExec() {}

    static List<FuzzEvent<FuzzValue>> run(Engine engine, byte[] binary) {
        var events = new ArrayList<FuzzEvent<FuzzValue>>();
        var module = engine.decode(binary);
        try (var store = new Store(engine)) {
            store.setTimeout(TIMEOUT);
            var support = new FuzzingSupport(store, module, events);
            Instance instance;
            try {
                instance = support.linker().instantiate(store, module);
            } catch (Trap t) {
                events.add(new FuzzEvent.Trapped<>(t.getMessage()));
                return events;
            } catch (WasmException e) {
                events.add(new FuzzEvent.InstantiationThrew<>());
                return events;
            }
            support.started(instance);
            for (var export : module.exports()) {
                if (export.kind() == ExternKind.FUNC) {
                    events.add(new FuzzEvent.Export<>(export.name()));
                    callExport(support, instance, export.name(), events);
                } else if (export.kind() == ExternKind.GLOBAL) {
                    events.add(new FuzzEvent.Export<>(export.name()));
                    var cell = instance.global(export.name());
                    events.add(new FuzzEvent.Logged<>(
                            List.of(support.value(cell.type().type(), cell.get(), cell.getHigh()))));
                }
            }
        }
        return events;
    }

    private static void callExport(
            FuzzingSupport support, Instance instance, String name, List<FuzzEvent<FuzzValue>> events) {
        var function = instance.function(name);
        var type = function.type();
        if (!type.params().stream().allMatch(ValType::isDefaultable)) {
            events.add(new FuzzEvent.Trapped<>("fuzzer can only send defaultable parameters to exports"));
            return;
        }
        try {
            long[] flat = function.call(new long[type.flatParamCount()]);
            if (!type.results().isEmpty()) {
                var values = new ArrayList<FuzzValue>();
                int at = 0;
                for (var result : type.results()) {
                    boolean wide = result == ValType.V128;
                    values.add(support.value(result, flat[at], wide ? flat[at + 1] : 0));
                    at += wide ? 2 : 1;
                }
                events.add(new FuzzEvent.Result<>(values));
            }
        } catch (Trap t) {
            events.add(new FuzzEvent.Trapped<>(t.getMessage()));
        } catch (WasmException e) {
            var tag = e.tag();
            var payload = new ArrayList<FuzzValue>();
            long[] flat = e.payload();
            int at = 0;
            for (var param : tag.type().params()) {
                boolean wide = param == ValType.V128;
                payload.add(support.value(param, flat[at], wide ? flat[at + 1] : 0));
                at += wide ? 2 : 1;
            }
            events.add(new FuzzEvent.Thrown<>(support.tagName(tag), payload));
        }
    }
}
