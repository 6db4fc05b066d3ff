package dev.jwasm.wat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Text modules encoded to bytes worked out by hand from spec chapter 5. */
class WatEncodeTest {
    private static final String HEADER = "0061736d01000000";

    private static String hex(String wat) {
        return HexFormat.of().formatHex(Wat.toBinary(wat));
    }

    @Test
    void emptyModule() {
        assertEquals(HEADER, hex("(module)"));
        assertEquals(HEADER, hex("(module $m)"));
    }

    @Test
    void functionWithInlineExportAndImplicitType() {
        assertEquals(
                HEADER + "0106016001" + "7f017f" + "03020100" + "070501016600" + "00" + "0a0601040020000b",
                hex("(module (func (export \"f\") (param $x i32) (result i32) local.get $x))"));
    }

    @Test
    void implicitTypeUsesReuseMatchingTypesAndAppendNewOnes() {
        // (type (func)) is reused by the first func; (param i32) adds type 1 after the explicit ones.
        assertEquals(
                HEADER + "010802600000" + "60017f00" + "0303020001" + "0a0702020" + "00b02000b",
                hex("(module (type (func)) (func) (func (param i32)))"));
    }

    @Test
    void labelsResolveToRelativeDepths() {
        assertEquals(
                HEADER + "010401600000" + "03020100" + "0a0c010a00" + "02400240" + "0c01" + "0b0b0b",
                hex("(module (func (block $a (block $b (br $a)))))"));
    }

    @Test
    void foldedAndPlainInstructionsEncodeAlike() {
        String folded = hex("(module (func (result i32) (i32.add (i32.const 1) (i32.const 2))))");
        String plain = hex("(module (func (result i32) i32.const 1 i32.const 2 i32.add))");
        assertEquals(plain, folded);
        assertEquals(HEADER + "010501600001" + "7f" + "03020100" + "0a09010700" + "41014102" + "6a0b", plain);
    }

    @Test
    void inlineMemoryDataAbbreviation() {
        // memory min = max = 1 page; active data at offset 0; a data count section precedes code.
        assertEquals(
                HEADER + "050401010101" + "070501016d0200" + "0c0101" + "0b08010041000b026162",
                hex("(module (memory (export \"m\") (data \"ab\")))"));
    }

    @Test
    void inlineDataBelongsToItsOwnMemory() {
        // Second memory: the segment needs flag 2 with memidx 1 (spec 5.5.12), not flag 0.
        assertEquals(
                HEADER + "0506020000010101" + "0c0101" + "0b08010201" + "41000b0161",
                hex("(module (memory 0) (memory (data \"a\")))"));
        // Imported memories come first in the index space, so the defined one is index 1 too.
        assertEquals(
                HEADER + "0208010161016202" + "0001" + "050401010101" + "0c0101" + "0b08010201" + "41000b0161",
                hex("(module (import \"a\" \"b\" (memory 1)) (memory (data \"a\")))"));
    }

    @Test
    void dataCountSectionWhenCodeNamesADataSegment() {
        // data.drop is 0xfc 9 dataidx; its data count section (id 12) sits between elem and code.
        assertEquals(
                HEADER + "010401600000" + "03020100" + "0c0101" + "0a07010500fc09000b" + "0b0401010178",
                hex("(module (func data.drop 0) (data \"x\"))"));
        // With no segments at all the count is 0, so a validator reports the unknown segment
        // (memory_init.wast:189) instead of the decoder calling the binary malformed (spec 5.5.13).
        assertEquals(
                HEADER + "010401600000" + "03020100" + "0c0100" + "0a07010500fc09000b",
                hex("(module (func data.drop 0))"));
        // memory.init is 0xfc 8 dataidx memidx.
        assertEquals(
                HEADER + "010401600000" + "03020100" + "0503010000" + "0c0100" + "0a0e010c00" + "410041004100"
                        + "fc0800000b",
                hex("(module (memory 0) (func (memory.init 0 (i32.const 0) (i32.const 0) (i32.const 0))))"));
    }

    @Test
    void memargDefaultsAndExplicitAlignment() {
        // i32.load: natural alignment 2^2; align=1 is 2^0; offset=8.
        assertEquals(
                HEADER + "010501600001" + "7f" + "03020100" + "05030100" + "01" + "0a0c010a00" + "4100" + "280008"
                        + "1a" + "41000b",
                hex(
                        "(module (memory 1) (func (result i32) (drop (i32.load offset=8 align=1 (i32.const 0))) i32.const 0))"));
    }

    @Test
    void bareFieldsAreAModule() {
        assertEquals(hex("(module (func))"), hex("(func)"));
    }

    @Test
    void errorsCarryPositionAndSpecWording() {
        var e = assertThrows(WatException.class, () -> Wat.toBinary("(module\n  (func i32.foo))"));
        assertEquals(new SourcePos(2, 9), e.position());
        assertEquals("unknown operator i32.foo", e.reason());

        e = assertThrows(WatException.class, () -> Wat.toBinary("(module (func (br $nowhere)))"));
        assertEquals("unknown label $nowhere", e.reason());

        e = assertThrows(WatException.class, () -> Wat.toBinary("(module (func $f) (func $f))"));
        assertEquals("duplicate func $f", e.reason());
        assertEquals(new SourcePos(1, 25), e.position());

        e = assertThrows(WatException.class, () -> Wat.toBinary("(module (func i32.const 4294967296 drop))"));
        assertEquals("constant out of range", e.reason());

        e = assertThrows(WatException.class, () -> Wat.toBinary("(module (func (block $a end $b)))"));
        assertEquals("unexpected token", e.reason().substring(0, 16));

        e = assertThrows(WatException.class, () -> Wat.toBinary("(module (func block $a end $b))"));
        assertEquals("mismatching label", e.reason());

        e = assertThrows(WatException.class, () -> Wat.toBinary("(module (type (func)) (func (type 0) (param i32)))"));
        assertEquals("inline function type", e.reason());

        e = assertThrows(WatException.class, () -> Wat.toBinary("(module (func) (import \"a\" \"b\" (func)))"));
        assertEquals("import after function", e.reason());
    }

    @Test
    void scriptModuleSourcesAllBecomeBinaries() {
        var cmds = WastScript.parse(
                        "(module (func))\n(module quote \"(func)\")\n(module binary \"\\00asm\\01\\00\\00\\00\")",
                        "t.wast")
                .commands();
        String func = HEADER + "010401600000" + "03020100" + "0a040102000b";
        assertEquals(func, HexFormat.of().formatHex(Wat.toBinary(((WastCommand.Module) cmds.get(0)).source())));
        assertEquals(func, HexFormat.of().formatHex(Wat.toBinary(((WastCommand.Module) cmds.get(1)).source())));
        assertEquals(HEADER, HexFormat.of().formatHex(Wat.toBinary(((WastCommand.Module) cmds.get(2)).source())));
    }
}
