package dev.jwasm.api.model;

import java.util.List;

/** A function type (spec 2.3.6): parameter and result types. */
public record FuncType(List<ValType> params, List<ValType> results) implements CompositeType {
    public FuncType {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    public static FuncType of(List<ValType> params, List<ValType> results) {
        return new FuncType(params, results);
    }

    /**
     * How many {@code long}s the parameters take in the flat calling convention of the embedding
     * API ({@link dev.jwasm.api.HostFunction}): one per value, two per v128.
     */
    public int flatParamCount() {
        return flatCount(params);
    }

    /** How many {@code long}s the results take in the flat calling convention. */
    public int flatResultCount() {
        return flatCount(results);
    }

    /** One {@code long} per value, two per v128 (low half first). */
    public static int flatCount(List<ValType> types) {
        int n = types.size();
        for (ValType t : types) {
            if (t == ValType.V128) {
                n++;
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return params + " -> " + results;
    }
}
