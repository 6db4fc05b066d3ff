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

    @Override
    public String toString() {
        return params + " -> " + results;
    }
}
