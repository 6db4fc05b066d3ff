package dev.jwasm.wat;

import java.util.Arrays;

/** How a script spells a module (spec interpreter's script format). */
public sealed interface ModuleSource {
    SourcePos pos();

    /** {@code (module ...)} in text format; {@code text} is that whole s-expression as written. */
    record Text(String text, SourcePos pos) implements ModuleSource {}

    /** {@code (module binary "..." ...)}: the concatenated bytes of the strings. */
    record Binary(byte[] bytes, SourcePos pos) implements ModuleSource {
        public Binary {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Binary b && Arrays.equals(bytes, b.bytes) && pos.equals(b.pos);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes) * 31 + pos.hashCode();
        }

        @Override
        public String toString() {
            return "Binary[" + bytes.length + " bytes at " + pos + "]";
        }
    }

    /** {@code (module quote "..." ...)}: text format source made of the concatenated strings. */
    record Quote(String text, SourcePos pos) implements ModuleSource {}
}
