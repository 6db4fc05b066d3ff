package dev.jwasm.internal.validate;

/**
 * A tiny stand-in type system for testing the stack machine on its own: four numbers, v128,
 * nullable and non-nullable funcref, externref, and the bottom reference.
 */
enum ToyType {
    I32,
    I64,
    F32,
    F64,
    V128,
    FUNCREF,
    REF_FUNC,
    EXTERNREF,
    BOT;

    static final TypeOps<ToyType> OPS = new TypeOps<>() {
        @Override
        public ToyType i32() {
            return I32;
        }

        @Override
        public boolean matches(ToyType actual, ToyType expected) {
            return actual == expected
                    || (actual == REF_FUNC && expected == FUNCREF)
                    || (actual == BOT && isReference(expected));
        }

        @Override
        public boolean isNumeric(ToyType type) {
            return type.ordinal() <= F64.ordinal();
        }

        @Override
        public boolean isVector(ToyType type) {
            return type == V128;
        }

        @Override
        public boolean isReference(ToyType type) {
            return type.ordinal() >= FUNCREF.ordinal();
        }

        @Override
        public ToyType asNonNullable(ToyType type) {
            return type == FUNCREF ? REF_FUNC : type;
        }

        @Override
        public ToyType bottomReference() {
            return BOT;
        }

        @Override
        public boolean isDefaultable(ToyType type) {
            return type != REF_FUNC && type != BOT;
        }

        @Override
        public String name(ToyType type) {
            return switch (type) {
                case REF_FUNC -> "(ref func)";
                case BOT -> "(ref bot)";
                default -> type.name().toLowerCase(java.util.Locale.ROOT);
            };
        }
    };
}
