package com.example.sandbox;

import dev.jwasm.api.Engine;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.wat.Wat;
import java.util.ArrayList;
import java.util.List;

/** Runs a small plugin on the interpreter, in the sandbox memory, and reports what it saw. */
public final class PluginHost {
    /** A plugin that logs a sum through its host and tries to grow its memory far past the sandbox. */
    static final String PLUGIN = """
            (module
              (import "host" "log" (func $log (param i32)))
              (memory (export "memory") 1 1000)
              (func (export "add") (param i32 i32) (result i32)
                (call $log (i32.add (local.get 0) (local.get 1)))
                (i32.add (local.get 0) (local.get 1)))
              (func (export "grow") (param i32) (result i32)
                (memory.grow (local.get 0))))
            """;

    /** What one run produced. */
    public record Report(String engine, int sum, List<Integer> logged, int grewSmall, int grewPastSandbox) {}

    private PluginHost() {}

    public static Report run() {
        var logged = new ArrayList<Integer>();
        try (var engine = Engine.builder().memory("sandbox").executor("interp").build();
                var store = new Store(engine)) {
            var linker = new Linker()
                    .define("host", "log", FuncType.of(List.of(ValType.I32), List.of()), args -> {
                        logged.add((int) args[0]);
                        return new long[0];
                    });
            var plugin = linker.instantiate(store, engine.decode(Wat.toBinary(PLUGIN)));
            int sum = (int) plugin.function("add").callForLong(40, 2);
            int grewSmall = (int) plugin.function("grow").callForLong(3);
            int grewPast = (int) plugin.function("grow").callForLong(100);
            return new Report(engine.toString(), sum, List.copyOf(logged), grewSmall, grewPast);
        }
    }

    public static void main(String[] args) {
        System.out.println(run());
    }
}
