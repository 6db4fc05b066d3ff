package dev.jwasm.it.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Engine;
import dev.jwasm.api.Feature;
import dev.jwasm.api.Features;
import dev.jwasm.api.Instance;
import dev.jwasm.api.LinkException;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.WasmModule;
import dev.jwasm.wat.Wat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Type matching across modules by canonical (iso-recursive) identity and declared subtyping
 * (spec 3.0, "Import subtyping"; call_indirect, spec 4.4.x): imports of functions, globals, tables
 * and tags, and indirect calls through a table another module filled.
 */
class CanonicalSubtypingTest {
    /** Type $t, its subtype $s (same signature, declared sub), and functions of each. */
    private static final String PROVIDER = """
            (module
              (type $t (sub (func (result i32))))
              (type $s (sub $t (func (result i32))))
              (func $ft (export "ft") (type $t) (i32.const 1))
              (func $fs (export "fs") (type $s) (i32.const 2))
              (global (export "gs") (ref null $s) (ref.func $fs))
              (global (export "gm") (mut (ref null $s)) (ref.func $fs))
              (table (export "tab") 2 (ref null $s))
              (tag (export "tag") (param i32))
              (elem declare func $fs)
            )""";

    private final Engine engine = Engine.builder().build();
    private final Store store = new Store(engine);
    private final Linker linker = new Linker();

    @AfterEach
    void close() {
        store.close();
    }

    private Instance instantiate(String wat) {
        return linker.instantiate(store, WasmModule.decode(Wat.toBinary(wat)));
    }

    private void provide() {
        linker.define("P", instantiate(PROVIDER));
    }

    private LinkException unlinkable(String wat) {
        var e = assertThrows(LinkException.class, () -> instantiate(wat));
        assertTrue(e.getMessage().startsWith("incompatible import type"), e.getMessage());
        return e;
    }

    @Test
    void aFunctionOfASubtypeSatisfiesAnImportOfItsSupertype() {
        provide();
        // The importer's own $t and $s are the provider's: equal groups, so equal canonical types.
        var ok = instantiate("""
                (module
                  (type $t (sub (func (result i32))))
                  (type $s (sub $t (func (result i32))))
                  (import "P" "fs" (func (type $t)))
                  (import "P" "fs" (func (type $s)))
                  (import "P" "ft" (func (type $t))))""");
        assertTrue(ok.exportNames().isEmpty());
        // $t is not a subtype of $s.
        unlinkable("""
                (module
                  (type $t (sub (func (result i32))))
                  (type $s (sub $t (func (result i32))))
                  (import "P" "ft" (func (type $s))))""");
        // A final type of the same signature is a different type from the open $t.
        unlinkable("(module (import \"P\" \"ft\" (func (result i32))))");
    }

    @Test
    void recursionGroupsMatchByPositionNotByStructureAlone() {
        linker.define("R", instantiate("""
                        (module
                          (rec (type $a (func)) (type $b (func)))
                          (func (export "b") (type $b)))"""));
        instantiate("(module (rec (type $a (func)) (type $b (func))) (import \"R\" \"b\" (func (type $b))))");
        // Same group, but the import names position 0.
        unlinkable("(module (rec (type $a (func)) (type $b (func))) (import \"R\" \"b\" (func (type $a))))");
        // A lone (func) is a group of one: not the same type as either member.
        unlinkable("(module (type $c (func)) (import \"R\" \"b\" (func (type $c))))");
    }

    @Test
    void immutableGlobalsAreCovariantMutableOnesInvariant() {
        provide();
        String types = "(type $t (sub (func (result i32)))) (type $s (sub $t (func (result i32))))";
        instantiate("(module " + types + " (import \"P\" \"gs\" (global (ref null $t))))");
        instantiate("(module " + types + " (import \"P\" \"gs\" (global funcref)))");
        instantiate("(module " + types + " (import \"P\" \"gm\" (global (mut (ref null $s)))))");
        unlinkable("(module " + types + " (import \"P\" \"gm\" (global (mut (ref null $t)))))");
        unlinkable("(module " + types + " (import \"P\" \"gs\" (global (ref $s))))");
    }

    @Test
    void tablesNeedTheSameElementTypeAndTagsTheSameType() {
        provide();
        String types = "(type $t (sub (func (result i32)))) (type $s (sub $t (func (result i32))))";
        instantiate("(module " + types + " (import \"P\" \"tab\" (table 2 (ref null $s))))");
        unlinkable("(module " + types + " (import \"P\" \"tab\" (table 2 (ref null $t))))");
        instantiate("(module (import \"P\" \"tag\" (tag (param i32))))");
        unlinkable("(module (import \"P\" \"tag\" (tag (param i64))))");
    }

    @Test
    void callIndirectAcceptsSubtypesAndTrapsOnOtherTypes() {
        var inst = instantiate("""
                (module
                  (type $t (sub (func (result i32))))
                  (type $s (sub $t (func (result i32))))
                  (type $u (func (result i32)))
                  (func $ft (type $t) (i32.const 1))
                  (func $fs (type $s) (i32.const 2))
                  (table funcref (elem $ft $fs))
                  (func (export "as_t") (param i32) (result i32) (call_indirect (type $t) (local.get 0)))
                  (func (export "as_s") (param i32) (result i32) (call_indirect (type $s) (local.get 0)))
                  (func (export "as_u") (param i32) (result i32) (call_indirect (type $u) (local.get 0))))""");
        assertEquals(1, inst.function("as_t").callForLong(0));
        assertEquals(2, inst.function("as_t").callForLong(1), "$s <: $t");
        assertEquals(2, inst.function("as_s").callForLong(1));
        var trap = assertThrows(Trap.class, () -> inst.function("as_s").call(0));
        assertEquals(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, trap.kind());
        // Structurally equal but a distinct (final, supertype-less) type.
        var other = assertThrows(Trap.class, () -> inst.function("as_u").call(0));
        assertEquals(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, other.kind());
    }

    @Test
    void callIndirectComparesAcrossModulesByCanonicalIdentity() {
        // The callee is defined in one module, the table and the call in another.
        linker.define(
                "F",
                instantiate("(module (type $v (func (result i32))) (func (export \"f\") (type $v) (i32.const 7)))"));
        var inst = instantiate("""
                (module
                  (type $w (func (result i32)))
                  (import "F" "f" (func $f (type $w)))
                  (table funcref (elem $f))
                  (func (export "call") (result i32) (call_indirect (type $w) (i32.const 0))))""");
        assertEquals(7, inst.function("call").callForLong());
    }

    @Test
    void anExactFunctionImportRejectsASubtype() {
        provide();
        String types = "(type $t (sub (func (result i32)))) (type $s (sub $t (func (result i32))))";
        var features = Features.defaults().with(Feature.CUSTOM_DESCRIPTORS);
        linker.instantiate(
                store,
                WasmModule.decode(
                        Wat.toBinary("(module " + types + " (import \"P\" \"ft\" (func (exact (type $t)))))"),
                        features));
        var e = assertThrows(
                LinkException.class,
                () -> linker.instantiate(
                        store,
                        WasmModule.decode(
                                Wat.toBinary("(module " + types + " (import \"P\" \"fs\" (func (exact (type $t)))))"),
                                features)));
        assertTrue(e.getMessage().startsWith("incompatible import type"), e.getMessage());
    }
}
