package dev.jwasm.wat;

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
