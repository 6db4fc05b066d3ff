package dev.jwasm.api.model;

import java.util.Objects;

/** A reference type (spec 2.3.3): a heap type and whether null is a member. */
public record RefType(boolean nullable, HeapType heap) implements ValType {
    public static final RefType FUNCREF = new RefType(true, HeapType.Abstract.FUNC);
    public static final RefType EXTERNREF = new RefType(true, HeapType.Abstract.EXTERN);
    public static final RefType ANYREF = new RefType(true, HeapType.Abstract.ANY);
    public static final RefType EQREF = new RefType(true, HeapType.Abstract.EQ);
    public static final RefType I31REF = new RefType(true, HeapType.Abstract.I31);
    public static final RefType STRUCTREF = new RefType(true, HeapType.Abstract.STRUCT);
    public static final RefType ARRAYREF = new RefType(true, HeapType.Abstract.ARRAY);
    public static final RefType EXNREF = new RefType(true, HeapType.Abstract.EXN);
    public static final RefType NULLREF = new RefType(true, HeapType.Abstract.NONE);
    public static final RefType NULLFUNCREF = new RefType(true, HeapType.Abstract.NOFUNC);
    public static final RefType NULLEXTERNREF = new RefType(true, HeapType.Abstract.NOEXTERN);
    public static final RefType NULLEXNREF = new RefType(true, HeapType.Abstract.NOEXN);

    public RefType {
        Objects.requireNonNull(heap, "heap");
    }

    /** The non-null reference to {@code heap}. */
    public static RefType of(HeapType heap) {
        return new RefType(false, heap);
    }

    /** The nullable reference to {@code heap}. */
    public static RefType nullable(HeapType heap) {
        return new RefType(true, heap);
    }

    @Override
    public int byteSize() {
        return 8;
    }

    @Override
    public boolean isDefaultable() {
        return nullable;
    }

    @Override
    public String toString() {
        return nullable ? "(ref null " + heap + ")" : "(ref " + heap + ")";
    }
}
