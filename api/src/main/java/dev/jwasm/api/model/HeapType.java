package dev.jwasm.api.model;

/**
 * A heap type (spec 2.3.3): one of the abstract heap types, or a defined type named by its index
 * in the module's type section.
 */
public sealed interface HeapType permits HeapType.Abstract, HeapType.Concrete {

    /** Abstract heap types with their binary encoding (spec 5.3.3) and text name. */
    enum Abstract implements HeapType {
        NOEXN(0x74, "noexn"),
        NOFUNC(0x73, "nofunc"),
        NOEXTERN(0x72, "noextern"),
        NONE(0x71, "none"),
        FUNC(0x70, "func"),
        EXTERN(0x6F, "extern"),
        ANY(0x6E, "any"),
        EQ(0x6D, "eq"),
        I31(0x6C, "i31"),
        STRUCT(0x6B, "struct"),
        ARRAY(0x6A, "array"),
        EXN(0x69, "exn");

        private static final Abstract[] BY_CODE = new Abstract[0x80];

        static {
            for (Abstract a : values()) {
                BY_CODE[a.code] = a;
            }
        }

        private final int code;
        private final String text;

        Abstract(int code, String text) {
            this.code = code;
            this.text = text;
        }

        public int code() {
            return code;
        }

        /** The abstract heap type with this encoding byte, or null if the byte is not one. */
        public static Abstract fromCode(int code) {
            return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * A defined type, by its index in the module's type index space. An exact one (custom
     * descriptors proposal, text {@code (exact $t)}, binary {@code 0x62 u32}) has only values of
     * that very type, not of its strict subtypes.
     */
    record Concrete(int typeIndex, boolean exact) implements HeapType {
        public Concrete {
            if (typeIndex < 0) {
                throw new IllegalArgumentException("type index must not be negative: " + typeIndex);
            }
        }

        /** The (inexact) defined type {@code typeIndex}. */
        public Concrete(int typeIndex) {
            this(typeIndex, false);
        }

        /** The same type index with the given exactness. */
        public Concrete withExact(boolean exact) {
            return exact == this.exact ? this : new Concrete(typeIndex, exact);
        }

        @Override
        public String toString() {
            return exact ? "(exact " + typeIndex + ")" : Integer.toString(typeIndex);
        }
    }
}
