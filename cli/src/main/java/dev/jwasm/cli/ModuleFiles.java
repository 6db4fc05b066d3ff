package dev.jwasm.cli;

import dev.jwasm.api.Features;
import dev.jwasm.api.JwasmException;
import dev.jwasm.wat.Wat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a module file given on the command line, binary or text: text goes through the WAT parser. */
final class ModuleFiles {
    private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6d};

    private ModuleFiles() {}

    /** Thrown when the file itself cannot be read; exit code {@link ExitCodes#IO_ERROR}. */
    static final class UnreadableFileException extends JwasmException {
        private static final long serialVersionUID = 1L;

        UnreadableFileException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The file's bytes; a missing or unreadable file is an {@link UnreadableFileException}. */
    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UnreadableFileException("cannot read " + file + ": no such file", e);
        } catch (IOException e) {
            throw new UnreadableFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file as UTF-8 text. */
    static String readText(Path file) {
        return new String(read(file), StandardCharsets.UTF_8);
    }

    /** The module's binary: the file as is when it starts with the Wasm magic, else its text encoded. */
    static byte[] readBinary(Path file) {
        return readBinary(file, Features.defaults());
    }

    /** As {@link #readBinary(Path)}, the text read as a parser for {@code features} reads it. */
    static byte[] readBinary(Path file, Features features) {
        byte[] bytes = read(file);
        if (isBinary(bytes) || !file.toString().endsWith(".wat")) {
            // Anything not named .wat is treated as binary, so that a wrong file gets the decoder's
            // "magic header not detected" rather than a confusing text-format error.
            return bytes;
        }
        return Wat.toBinary(new String(bytes, StandardCharsets.UTF_8), features);
    }

    private static boolean isBinary(byte[] bytes) {
        if (bytes.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }
}
