package dev.jwasm.internal.binary;

/**
 * Proposals the decoder accepts beyond Wasm 3.0 and threads.
 *
 * @param customPageSizes the custom-page-sizes proposal's memory flag bit 3; on by default because
 *     the proposal's spec tests are part of the suite this runtime targets
 */
public record DecoderOptions(boolean customPageSizes) {
    /** Wasm 3.0 plus threads and custom page sizes, the default. */
    public static final DecoderOptions DEFAULT = new DecoderOptions(true);

    /** Wasm 3.0 plus threads only: a memory's limits flag bit 3 is malformed. */
    public static final DecoderOptions WASM_3_0 = new DecoderOptions(false);
}
