package dev.jwasm.api.code;

/**
 * One catch clause of try_table (spec 2.4.8, exception handling). {@code tag} is -1 for the
 * catch_all kinds.
 */
public record Catch(Kind kind, int tag, int label) {
    /** The clause kinds with their binary encoding bytes (spec 5.4.1). */
    public enum Kind {
        CATCH(0x00, "catch"),
        CATCH_REF(0x01, "catch_ref"),
        CATCH_ALL(0x02, "catch_all"),
        CATCH_ALL_REF(0x03, "catch_all_ref");

        private final int code;
        private final String text;

        Kind(int code, String text) {
            this.code = code;
            this.text = text;
        }

        public int code() {
            return code;
        }

        /** Whether the clause names a tag (catch, catch_ref). */
        public boolean hasTag() {
            return this == CATCH || this == CATCH_REF;
        }

        /** Whether the clause also pushes the caught exnref. */
        public boolean pushesExnRef() {
            return this == CATCH_REF || this == CATCH_ALL_REF;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
