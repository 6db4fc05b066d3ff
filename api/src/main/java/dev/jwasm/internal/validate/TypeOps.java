package dev.jwasm.internal.validate;

/**
 * What the operand-stack algorithm needs to know about value types, kept abstract so that the
 * stack machine in {@link OperandChecker} does not depend on how the module model spells types.
 * "Unknown" (the polymorphic stack's bottom, spec appendix "Validation Algorithm") is never passed
 * here: the checker handles it before asking.
 *
 * @param <T> the value type representation
 */
public interface TypeOps<T> {
    /** The i32 type: conditions, indexes and {@code select}'s selector. */
    T i32();

    /** Whether {@code actual} matches (is a subtype of) {@code expected}, spec 3.3.3. */
    boolean matches(T actual, T expected);

    /** i32, i64, f32 or f64. */
    boolean isNumeric(T type);

    /** v128. */
    boolean isVector(T type);

    /** Any reference type. */
    boolean isReference(T type);

    /** The non-nullable version of a reference type (what {@code ref.as_non_null} yields). */
    T asNonNullable(T referenceType);

    /**
     * The non-nullable bottom reference ({@code (ref bot)} in the appendix): what popping a
     * reference from a polymorphic stack yields; it matches every reference type.
     */
    T bottomReference();

    /** Whether a local of this type starts with a default value (numbers, vectors, nullable references). */
    boolean isDefaultable(T type);

    /** The type as the text format writes it, for error messages. */
    String name(T type);
}
