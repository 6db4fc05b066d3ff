package dev.jwasm.api;

/**
 * Why Wasm execution trapped. Each kind's {@link #message()} is the wording the spec testsuite's
 * {@code assert_trap} expects (WebAssembly 3.0, appendix "Soundness" and the reference interpreter).
 */
public enum TrapKind {
    UNREACHABLE("unreachable"),
    OUT_OF_BOUNDS_MEMORY("out of bounds memory access"),
    OUT_OF_BOUNDS_TABLE("out of bounds table access"),
    UNDEFINED_ELEMENT("undefined element"),
    UNINITIALIZED_ELEMENT("uninitialized element"),
    INDIRECT_CALL_TYPE_MISMATCH("indirect call type mismatch"),
    INTEGER_DIVIDE_BY_ZERO("integer divide by zero"),
    INTEGER_OVERFLOW("integer overflow"),
    INVALID_CONVERSION_TO_INTEGER("invalid conversion to integer"),
    CALL_STACK_EXHAUSTED("call stack exhausted"),
    NULL_REFERENCE("null reference"),
    NULL_FUNCTION_REFERENCE("null function reference"),
    NULL_STRUCTURE_REFERENCE("null structure reference"),
    NULL_ARRAY_REFERENCE("null array reference"),
    NULL_I31_REFERENCE("null i31 reference"),
    NULL_EXCEPTION_REFERENCE("null exception reference"),
    CAST_FAILURE("cast failure"),
    OUT_OF_BOUNDS_ARRAY("out of bounds array access"),
    OUT_OF_BOUNDS_DATA_SEGMENT("out of bounds data segment access"),
    OUT_OF_BOUNDS_ELEMENT_SEGMENT("out of bounds element segment access"),
    UNALIGNED_ATOMIC("unaligned atomic"),
    EXPECTED_SHARED_MEMORY("expected shared memory"),
    OUT_OF_FUEL("all fuel consumed"),
    INTERRUPTED("interrupted"),
    DEADLINE_EXCEEDED("deadline exceeded"),
    GC_HEAP_EXHAUSTED("gc heap exhausted"),
    NULL_DESCRIPTOR_REFERENCE("null descriptor reference"),
    DESCRIPTOR_CAST_FAILURE("descriptor cast failure");

    private final String message;

    TrapKind(String message) {
        this.message = message;
    }

    /** The spec's wording for this trap. */
    public String message() {
        return message;
    }
}
