package dev.jwasm.wat;

import dev.jwasm.api.Features;
import dev.jwasm.wat.internal.encode.ModuleEncoder;

/** The WebAssembly text format (spec chapter 6) to the binary format (spec chapter 5). */
public final class Wat {
    private Wat() {}

    /**
     * Encodes a text module: one {@code (module ...)} or a bare sequence of module fields.
     *
     * @throws WatException with line:column when the text is malformed
     */
    public static byte[] toBinary(String source) {
        return ModuleEncoder.encode(source);
    }

    /**
     * Encodes a text module as a parser for {@code features} reads it (without memory64, memory
     * limits are u32).
     *
     * @throws WatException with line:column when the text is malformed
     */
    public static byte[] toBinary(String source, Features features) {
        return ModuleEncoder.encode(source, features);
    }

    /**
     * The binary of a script module: text and quoted modules are encoded, binary ones returned as
     * written (a copy).
     *
     * @throws WatException when a text or quoted module is malformed
     */
    public static byte[] toBinary(ModuleSource source) {
        return switch (source) {
            case ModuleSource.Text t -> toBinary(t.text());
            case ModuleSource.Quote q -> toBinary(q.text());
            case ModuleSource.Binary b -> b.bytes();
        };
    }
}
