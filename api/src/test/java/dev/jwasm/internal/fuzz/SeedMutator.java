package dev.jwasm.internal.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.util.List;

/**
 * Turns fuzzer bytes into a mutated seed module: the first choice picks a seed (or none: raw
 * bytes), then a few edits, each an overwrite, an insertion or a deletion at a chosen offset.
 * Small edits to a real module keep most of it well-formed, so the fuzzer reaches the validator
 * and deep decoder paths instead of failing at the magic number.
 */
final class SeedMutator {
    private SeedMutator() {}

    static byte[] mutate(List<byte[]> seeds, FuzzedDataProvider data) {
        int pick = data.consumeInt(0, seeds.size());
        if (pick == seeds.size()) {
            return data.consumeRemainingAsBytes();
        }
        var out = new java.io.ByteArrayOutputStream();
        byte[] seed = seeds.get(pick);
        int edits = data.consumeInt(0, 4);
        int[] at = new int[edits];
        for (int i = 0; i < edits; i++) {
            at[i] = data.consumeInt(0, seed.length);
        }
        java.util.Arrays.sort(at);
        int from = 0;
        for (int i = 0; i < edits; i++) {
            // An earlier overwrite or delete may already have passed this edit's position.
            if (at[i] > from) {
                out.write(seed, from, at[i] - from);
                from = at[i];
            }
            byte[] bytes = data.consumeBytes(data.consumeInt(0, 8));
            switch (data.consumeInt(0, 2)) {
                case 0 -> { // overwrite
                    out.writeBytes(bytes);
                    from = Math.min(seed.length, from + bytes.length);
                }
                case 1 -> out.writeBytes(bytes); // insert
                default -> from = Math.min(seed.length, from + data.consumeInt(1, 64)); // delete
            }
        }
        out.write(seed, from, seed.length - from);
        return out.toByteArray();
    }
}
