package dev.jwasm.internal.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jwasm.api.InvalidModuleException;
import dev.jwasm.api.MalformedModuleException;
import dev.jwasm.api.code.BlockType;
import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.ExternKind;
import dev.jwasm.api.model.ModuleInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Real programs: every benchmark module decodes, and thousands of random mutations of them
 * (fixed seed) either decode or fail with the decoder's own exceptions, never anything else.
 */
class BenchModulesTest {
    private static final Path BENCH = Path.of(System.getProperty("jwasm.bench", "../../shared/bench"));
    private static final int MUTATIONS = 6_000;
    // The largest program is decoded whole in the first test; mutating it thousands of times
    // would only make this test slow, not better.
    private static final long MUTATE_MAX_BYTES = 200_000;

    private static List<Path> modules() throws IOException {
        assumeTrue(
                Files.isDirectory(BENCH),
                "benchmark programs not found at " + BENCH.toAbsolutePath() + " (set -Djwasm.bench)");
        try (Stream<Path> files = Files.walk(BENCH)) {
            return files.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
        }
    }

    @Test
    void everyBenchModuleDecodes() throws IOException {
        List<Path> modules = modules();
        assertFalse(modules.isEmpty(), "no .wasm files under " + BENCH);
        for (Path file : modules) {
            ModuleInfo m = ModuleDecoder.decode(Files.readAllBytes(file));
            // WASI commands: they export a start function and a memory, and define code.
            assertTrue(
                    m.exports().stream().anyMatch(e -> e.name().equals("_start") && e.kind() == ExternKind.FUNC),
                    file + " exports _start");
            assertTrue(m.exports().stream().anyMatch(e -> e.kind() == ExternKind.MEMORY), file + " exports memory");
            assertEquals(m.functions().size(), m.code().size(), file.toString());
            assertTrue(m.code().size() > 0, file + " defines functions");
            checkBlocksBalance(m, file);
        }
    }

    // Re-reads every body: opened blocks and ends must balance (the final end closes the body).
    private static void checkBlocksBalance(ModuleInfo m, Path file) {
        var reader = new InstructionReader(m);
        for (var body : m.code()) {
            var counter = new NoOpVisitor() {
                int opened;
                int ended;

                @Override
                public void visitBlock(Opcode op, BlockType type) {
                    opened++;
                }

                @Override
                public void visitSimple(Opcode op) {
                    if (op == Opcode.END) {
                        ended++;
                    }
                }
            };
            reader.readFunctionBody(body, counter);
            assertEquals(counter.opened + 1, counter.ended, file + " body at " + body.codeOffset());
        }
    }

    @Test
    void mutatedModulesFailOnlyWithDecoderExceptions() throws IOException {
        List<byte[]> originals = modules().stream()
                .filter(p -> size(p) <= MUTATE_MAX_BYTES)
                .map(BenchModulesTest::read)
                .toList();
        assumeTrue(!originals.isEmpty(), "no small benchmark modules to mutate");
        var random = new Random(0x5EED);
        int malformed = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            byte[] original = originals.get(i % originals.size());
            byte[] mutant = mutate(original, random);
            try {
                ModuleDecoder.decode(mutant);
            } catch (MalformedModuleException | InvalidModuleException e) {
                malformed++;
            } catch (RuntimeException | Error e) {
                throw new AssertionError("mutation " + i + " escaped the decoder with " + e, e);
            }
        }
        // Mutations that damage the header or cut the file must be caught; a sanity floor.
        assertTrue(malformed > MUTATIONS / 10, "only " + malformed + " mutants were rejected");
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] out = original.clone();
        int kind = random.nextInt(5);
        int at = random.nextInt(out.length);
        switch (kind) {
            case 0 -> out[at] = (byte) random.nextInt(256);
            case 1 -> out[at] ^= (byte) (1 << random.nextInt(8));
            case 2 -> out = Arrays.copyOf(out, at);
            case 3 -> {
                // Several random bytes in a row: hits LEB128 lengths and counts.
                for (int j = 0; j < 4 && at + j < out.length; j++) {
                    out[at + j] = (byte) random.nextInt(256);
                }
            }
            default -> {
                // A byte inserted: shifts everything after it.
                byte[] longer = new byte[out.length + 1];
                System.arraycopy(out, 0, longer, 0, at);
                longer[at] = (byte) random.nextInt(256);
                System.arraycopy(out, at, longer, at + 1, out.length - at);
                out = longer;
            }
        }
        return out;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
