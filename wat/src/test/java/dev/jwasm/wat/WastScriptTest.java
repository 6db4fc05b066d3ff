package dev.jwasm.wat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class WastScriptTest {

    private static List<WastCommand> parse(String src) {
        return WastScript.parse(src, "test.wast").commands();
    }

    @Test
    void moduleForms() {
        var cmds = parse("""
                (module $M (func))
                (module binary "\\00asm" "\\01\\00\\00\\00")
                (module quote "(func)" " (memory 1)")
                (module definition $D (func))
                (module instance $I $D)
                (register "m" $M)
                """);
        var text = assertInstanceOf(WastCommand.Module.class, cmds.get(0));
        assertEquals("$M", text.id());
        assertEquals("(module $M (func))", ((ModuleSource.Text) text.source()).text());
        var bin = (ModuleSource.Binary) ((WastCommand.Module) cmds.get(1)).source();
        assertArrayEquals(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, bin.bytes());
        assertEquals("(func) (memory 1)", ((ModuleSource.Quote) ((WastCommand.Module) cmds.get(2)).source()).text());
        var def = (WastCommand.Module) cmds.get(3);
        assertEquals(true, def.definitionOnly());
        assertEquals(new WastCommand.ModuleInstance(new SourcePos(5, 1), "$I", "$D"), cmds.get(4));
        assertEquals(new WastCommand.Register(new SourcePos(6, 1), "m", "$M"), cmds.get(5));
    }

    @Test
    void assertReturnValuesAndPatterns() {
        var cmds = parse("""
                (assert_return (invoke $M "f" (i32.const -1) (f32.const nan:0x1) (ref.extern 7))
                  (i64.const 0xffff_ffff_ffff_ffff) (f64.const nan:canonical) (ref.null func) (ref.func)
                  (either (i32.const 1) (i32.const 2)) (v128.const f32x4 nan:arithmetic 1 2 3) (ref.extern))
                """);
        var a = assertInstanceOf(WastCommand.AssertReturn.class, cmds.getFirst());
        var invoke = assertInstanceOf(WastAction.Invoke.class, a.action());
        assertEquals("$M", invoke.module());
        assertEquals(
                List.of(new WastValue.I32(-1), new WastValue.F32(0x7f800001), new WastValue.RefExtern(7)),
                invoke.args());
        var r = a.expected();
        assertEquals(new WastResult.Exact(new WastValue.I64(-1)), r.get(0));
        assertEquals(new WastResult.Nan(64, WastResult.NanKind.CANONICAL), r.get(1));
        assertEquals(new WastResult.RefNull("func"), r.get(2));
        assertEquals(new WastResult.RefKind("func"), r.get(3));
        assertEquals(
                new WastResult.Either(List.of(
                        new WastResult.Exact(new WastValue.I32(1)), new WastResult.Exact(new WastValue.I32(2)))),
                r.get(4));
        var lanes = assertInstanceOf(WastResult.V128Lanes.class, r.get(5));
        assertEquals(
                new WastResult.Nan(32, WastResult.NanKind.ARITHMETIC),
                lanes.lanes().get(0));
        assertEquals(
                new WastResult.Exact(new WastValue.F32(0x3f800000)),
                lanes.lanes().get(1));
        assertEquals(new WastResult.RefExtern(null), r.get(6));
    }

    @Test
    void v128ArgumentsAreLittleEndian() {
        var cmds = parse("(invoke \"f\" (v128.const i16x8 0x0102 0 0 0 0 0 0 -1))");
        var action = (WastCommand.Action) cmds.getFirst();
        var v = (WastValue.V128) ((WastAction.Invoke) action.action()).args().getFirst();
        assertArrayEquals(new byte[] {2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1}, v.bytes());
    }

    @Test
    void assertions() {
        var cmds = parse("""
                (assert_trap (invoke "f") "unreachable")
                (assert_trap (module (start 0)) "x")
                (assert_exhaustion (invoke "g") "call stack exhausted")
                (assert_invalid (module (func)) "type mismatch")
                (assert_malformed (module quote "(") "unexpected end")
                (assert_unlinkable (module (import "a" "b" (func))) "unknown import")
                (assert_exception (invoke "h"))
                (get $M "g")
                """);
        assertEquals(
                "unreachable",
                assertInstanceOf(WastCommand.AssertTrap.class, cmds.get(0)).message());
        assertInstanceOf(WastCommand.AssertUninstantiable.class, cmds.get(1));
        assertInstanceOf(WastCommand.AssertExhaustion.class, cmds.get(2));
        assertInstanceOf(WastCommand.AssertInvalid.class, cmds.get(3));
        var malformed = assertInstanceOf(WastCommand.AssertMalformed.class, cmds.get(4));
        assertEquals("unexpected end", malformed.message());
        assertInstanceOf(WastCommand.AssertUnlinkable.class, cmds.get(5));
        assertInstanceOf(WastCommand.AssertException.class, cmds.get(6));
        assertEquals(new WastAction.Get("$M", "g"), ((WastCommand.Action) cmds.get(7)).action());
    }

    @Test
    void scriptErrorsHavePositions() {
        var e = assertThrows(WatException.class, () -> parse("(module)\n(frobnicate)"));
        assertEquals(new SourcePos(2, 1), e.position());
        e = assertThrows(WatException.class, () -> parse("(assert_return (invoke \"f\" (i32.const 0x1_0000_0000)))"));
        assertEquals("constant out of range", e.reason());
        assertEquals(new SourcePos(1, 39), e.position());
        e = assertThrows(WatException.class, () -> parse("(module"));
        assertEquals("unclosed parenthesis", e.reason());
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        String deep = "(module (func " + "(block ".repeat(100_000) + ")".repeat(100_000) + "))";
        var e = assertThrows(WatException.class, () -> Wat.toBinary(deep));
        assertEquals("nesting too deep", e.reason());
        String deepFolded =
                "(module (func " + "(i32.eqz ".repeat(100_000) + "(i32.const 0)" + ")".repeat(100_000) + "))";
        assertEquals(
                "nesting too deep",
                assertThrows(WatException.class, () -> Wat.toBinary(deepFolded)).reason());
    }
}
