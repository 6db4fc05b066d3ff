package dev.jwasm.internal.binary;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Features;
import dev.jwasm.api.InvalidModuleException;
import dev.jwasm.api.MalformedModuleException;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random bytes, fixed seeds: whatever the input, the decoder either succeeds or throws its own
 * exceptions, never a JVM runtime exception or error.
 */
class RandomInputTest {
    private static final int ROUNDS = 20_000;

    @Test
    void randomInstructionBytes() {
        var random = new Random(42);
        int rejected = 0;
        for (int i = 0; i < ROUNDS; i++) {
            var code = new byte[1 + random.nextInt(48)];
            for (int j = 0; j < code.length; j++) {
                // Bias towards prefixes and block opcodes so that nested and prefixed forms occur.
                code[j] = switch (random.nextInt(8)) {
                    case 0 -> (byte) (0xFB + random.nextInt(4));
                    case 1 -> (byte) (0x02 + random.nextInt(3));
                    case 2 -> 0x0B;
                    default -> (byte) random.nextInt(256);
                };
            }
            try {
                new InstructionReader(ByteBuffer.wrap(code), Features.defaults())
                        .readExpression(0, new RecordingVisitor());
            } catch (MalformedModuleException e) {
                rejected++;
            } catch (RuntimeException | Error e) {
                throw new AssertionError("input " + i + " escaped with " + e, e);
            }
        }
        assertTrue(rejected > 0 && rejected < ROUNDS, "both outcomes should occur, rejected " + rejected);
    }

    @Test
    void randomSectionsAfterAValidHeader() {
        var random = new Random(7);
        for (int i = 0; i < ROUNDS; i++) {
            var body = new byte[random.nextInt(64)];
            random.nextBytes(body);
            // Usually a plausible section id and a size that fits, so decoding gets past them.
            if (body.length > 2 && random.nextBoolean()) {
                body[0] = (byte) random.nextInt(14);
                body[1] = (byte) (body.length - 2);
            }
            byte[] binary = Bin.cat(Bin.HEADER, body);
            try {
                ModuleDecoder.decode(binary);
            } catch (MalformedModuleException | InvalidModuleException e) {
                // expected for most inputs
            } catch (RuntimeException | Error e) {
                throw new AssertionError("input " + i + " escaped with " + e, e);
            }
        }
    }
}
