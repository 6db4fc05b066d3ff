package dev.jwasm.api;

import dev.jwasm.api.model.TableType;
import dev.jwasm.spi.runtime.TableInstance;
import java.util.Objects;

/**
 * A table (spec 4.2.7) as the host sees it: one an instance exports, or one the host made to be
 * imported. Elements are raw tagged references (0 is null): a funcref names a function of the
 * store, an externref a host object ({@link Store#externRef}). Out-of-range indexes throw a {@link
 * Trap} with kind {@code OUT_OF_BOUNDS_TABLE}. Two handles are equal when they name the same table.
 */
public final class Table {
    private final TableInstance table;

    Table(TableInstance table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    /**
     * A table owned by the host, to {@linkplain Linker#define(String, String, Table) define} as an
     * import, its {@code min} elements set to {@code init}.
     *
     * @throws Trap if its minimum size exceeds the runtime's table limit
     */
    public static Table create(TableType type, long init) {
        return new Table(new TableInstance(Objects.requireNonNull(type, "type"), init));
    }

    public TableType type() {
        return table.type();
    }

    public int size() {
        return table.size();
    }

    /** The raw reference at {@code index}. */
    public long get(long index) {
        return table.get(index);
    }

    /** Stores a raw reference; it must be of the table's element type (not checked here). */
    public void set(long index, long ref) {
        table.set(index, ref);
    }

    /** {@code table.grow}: the old size, or -1 with nothing changed past the maximum. */
    public long grow(long delta, long init) {
        return table.grow(delta, init);
    }

    TableInstance instance() {
        return table;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Table t && t.table == table;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(table);
    }

    @Override
    public String toString() {
        return "Table[" + table.type() + "]";
    }
}
