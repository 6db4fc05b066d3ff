package com.example.sandbox;

import dev.jwasm.api.Engine;
import dev.jwasm.api.HostModule;
import dev.jwasm.api.Instance;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.WasmExport;
import dev.jwasm.wat.Wat;
import java.util.ArrayList;
import java.util.List;

/** Runs a small plugin on the interpreter, in the sandbox memory, and reports what it saw. */
public final class PluginHost {
    /** A plugin that logs through its host and tries to grow its memory far past the sandbox. */
    static final String PLUGIN = """
            (module
              (import "host" "log" (func $log (param i32 i32)))
              (memory (export "memory") 1 1000)
              (data (i32.const 0) "adding")
              (func (export "add") (param i32 i32) (result i32)
                (call $log (i32.const 0) (i32.const 6))
                (i32.add (local.get 0) (local.get 1)))
              (func (export "grow") (param i32) (result i32)
                (memory.grow (local.get 0))))
            """;

    /** What one run produced. */
    public record Report(String engine, int sum, List<String> logged, int grewSmall, int grewPastSandbox) {}

    /** The plugin's host functions: each call reads its text from the calling plugin's memory. */
    public static final class Host {
        private final List<String> logged = new ArrayList<>();

        @WasmExport
        public void log(Instance caller, int ptr, int len) {
            logged.add(caller.memory("memory").readString(ptr, len));
        }
    }

    private PluginHost() {}

    public static Report run() {
        var host = new Host();
        try (var engine = Engine.builder().memory("sandbox").executor("interp").build();
                var store = new Store(engine)) {
            var linker = new Linker().define("host", HostModule.of(host));
            var plugin = linker.instantiate(store, engine.decode(Wat.toBinary(PLUGIN)));
            int sum = plugin.function("add").asIntBinaryOperator().applyAsInt(40, 2);
            var grow = plugin.function("grow").asIntUnaryOperator();
            int grewSmall = grow.applyAsInt(3);
            int grewPast = grow.applyAsInt(100);
            return new Report(engine.toString(), sum, List.copyOf(host.logged), grewSmall, grewPast);
        }
    }

    public static void main(String[] args) {
        System.out.println(run());
    }
}
