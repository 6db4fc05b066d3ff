package dev.jwasm.internal.binary;

/**
 * Proposals the decoder accepts beyond Wasm 3.0 and threads.
 *
 * @param customPageSizes the custom-page-sizes proposal's memory flag bit 3
 */
public record DecoderOptions(boolean customPageSizes) {
    /** Wasm 3.0 plus threads, the default. */
    public static final DecoderOptions DEFAULT = new DecoderOptions(false);
}
