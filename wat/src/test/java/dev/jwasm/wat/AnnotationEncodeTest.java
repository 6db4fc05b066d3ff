package dev.jwasm.wat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.InvalidModuleException;
import dev.jwasm.api.WasmModule;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Annotations that become custom sections: bytes worked out by hand from spec 5.5.3 (custom
 * sections), the name section (spec 7.4) and the branch-hinting proposal's section.
 */
class AnnotationEncodeTest {
    private static final String HEADER = "0061736d01000000";
    /** (type (func)), one function of it, its body empty. */
    private static final String TYPE = "010401600000";

    private static final String FUNC = "03020100";
    private static final String CODE = "0a040102000b";

    private static String hex(String wat) {
        return HexFormat.of().formatHex(Wat.toBinary(wat));
    }

    private static String malformed(String wat) {
        return assertThrows(WatException.class, () -> Wat.toBinary(wat)).reason();
    }

    @Test
    void aCustomAnnotationIsACustomSectionAtTheEnd() {
        // id 0, size 4: name "a" (01 61), then the bytes "xy" (78 79); strings concatenate.
        assertEquals(HEADER + "0004" + "0161" + "7879", hex("(module (@custom \"a\" \"x\" \"y\"))"));
        assertEquals(HEADER + TYPE + FUNC + CODE + "00020161", hex("(module (@custom \"a\") (func))"));
    }

    @Test
    void placementsPutSectionsBeforeOrAfterTheNamedSection() {
        String wat = "(module (@custom \"b\" (after func) \"1\") (@custom \"a\" (before type)) (func)"
                + " (@custom \"c\" (before first) \"2\"))";
        // "c" before everything, then "a" before the type section, "b" between function and code.
        assertEquals(HEADER + "0003016332" + "00020161" + TYPE + FUNC + "0003016231" + CODE, hex(wat));
        // A placement relative to an absent section still orders: after the (absent) global section.
        assertEquals(HEADER + TYPE + FUNC + "00020164" + CODE, hex("(module (func) (@custom \"d\" (after global)))"));
    }

    @Test
    void nameAnnotationsMakeTheNameSection() {
        // "name" (04 6e616d65); subsection 0: module name "M" (02: 01 4d); subsection 1: one entry,
        // function 0 named "g" (04: 01 00 01 67). Content 5 + 4 + 6 = 15 bytes.
        assertEquals(
                HEADER + TYPE + FUNC + CODE + "000f" + "046e616d65" + "0002014d" + "010401000167",
                hex("(module (@name \"M\") (func $f (@name \"g\")))"));
    }

    @Test
    void aFunctionIdNamesTheFunctionWhenNoAnnotationDoes() {
        // "name" (5 bytes); subsection 1 of size 6: one entry, function 0 named "fib" (03 666962).
        // Content 5 + 2 + 6 = 13 bytes. The annotation, when present, wins (test above).
        assertEquals(
                HEADER + TYPE + FUNC + CODE + "000d" + "046e616d65" + "0106010003666962", hex("(module (func $fib))"));
    }

    @Test
    void parameterAndLocalNamesAreSubsection2() {
        // Type 0 = [i32 i32] -> []; locals: 1 group of 1 i64. Names: param 1 "p", local 2 "l".
        // Subsection 2: one function (0) with a name map: count 02, entries 01 01 70 and 02 01 6c
        // (7 bytes), so 01 00 + 7 = 9 bytes. Name section content: "name" (5) + 02 09 + 9 = 16.
        String wat = "(module (func (param i32) (param $b (@name \"p\") i32) (local (@name \"l\") i64)))";
        assertEquals(
                HEADER + "0106016002" + "7f7f00" + FUNC + "0a06010401017e0b" + "0010" + "046e616d65" + "0209" + "0100"
                        + "02" + "0101" + "70" + "0201" + "6c",
                hex(wat));
    }

    @Test
    void tagNamesAreSubsection11() {
        // Tag section 0d, size 3: one tag, attribute 0, type 0. Name section content 12 bytes:
        // "name" (5), subsection 0b of size 5: one entry, tag 0, name 02 ce b8 ("θ").
        assertEquals(
                HEADER + TYPE + "0d03010000" + "000c" + "046e616d65" + "0b05010002ceb8",
                hex("(module (type (func)) (tag $t (@name \"θ\") (type 0)))"));
    }

    @Test
    void aBranchHintRecordsTheOffsetOfTheIfInItsBody() {
        // Body: locals 00 (offset 0), local.get 0 (20 00), if at offset 3 (04 40), end, end.
        String wat = "(module (func (param i32) local.get 0 (@metadata.code.branch_hint \"\\01\") if end))";
        String hint = "0020" + "19" + HexFormat.of().formatHex("metadata.code.branch_hint".getBytes()) + "01" + "00"
                + "01" + "03" + "01" + "01";
        assertEquals(HEADER + "01050160017f00" + FUNC + hint + "0a09010700200004400b0b", hex(wat));
    }

    @Test
    void aFoldedBrIfIsHintedWhereItsOpcodeIsWritten() {
        // Body: 00, block (02 40) at 1, local.get 0 at 3, br_if 0 at 5 (after its operand), end, end.
        String wat = "(module (func (param i32) (block (@metadata.code.branch_hint \"\\00\")"
                + " (br_if 0 (local.get 0)))))";
        String encoded = hex(wat);
        assertTrue(encoded.contains("01" + "00" + "01" + "05" + "01" + "00" + "0a"), encoded);
    }

    @Test
    void unknownAnnotationsStayIgnored() {
        assertEquals(hex("(module (func))"), hex("(module (@foo bar (baz \"q\")) (func (@x)))"));
    }

    @Test
    void malformedAnnotationsSayWhy() {
        assertEquals("@custom annotation: missing section name", malformed("(@custom 4)"));
        assertEquals("@custom annotation: malformed UTF-8 encoding", malformed("(@custom \"\\df\")"));
        assertEquals("@custom annotation: unexpected token", malformed("(@custom \"bla\" here)"));
        assertEquals("@custom annotation: malformed placement", malformed("(@custom \"bla\" (type))"));
        assertEquals("@custom annotation: malformed section kind", malformed("(@custom \"bla\" (before types))"));
        assertEquals("misplaced @custom annotation", malformed("(func (@custom \"bla\"))"));
        assertEquals("@name annotation: multiple module", malformed("(module (@name \"a\") (@name \"b\"))"));
        assertEquals("misplaced @name annotation", malformed("(module (func) (@name \"M\"))"));
        assertEquals(
                "@metadata.code.branch_hint annotation: not in a function",
                malformed("(module (@metadata.code.branch_hint \"\\01\") (func))"));
        assertEquals(
                "@metadata.code.branch_hint annotation: duplicate annotation",
                malformed("(func (@metadata.code.branch_hint \"\\01\") (@metadata.code.branch_hint \"\\01\")"
                        + " (if (i32.const 0) (then)))"));
    }

    @Test
    void aHintOnAnInstructionThatDoesNotBranchEncodesButIsInvalid() {
        // The hint names offset 1, the nop after the empty locals vector; validation rejects it.
        byte[] binary = Wat.toBinary("(func (@metadata.code.branch_hint \"\\01\") nop)");
        assertTrue(HexFormat.of().formatHex(binary).contains("0101" + "01" + "01"));
        var module = WasmModule.decode(binary);
        var e = assertThrows(InvalidModuleException.class, module::validate);
        assertEquals("@metadata.code.branch_hint annotation: invalid target", e.reason());
        // The same hint on an if validates.
        WasmModule.decode(Wat.toBinary("(func (@metadata.code.branch_hint \"\\01\") (if (i32.const 1) (then)))"))
                .validate();
    }

    @Test
    void aLineCommentEndsAtACarriageReturn() {
        assertEquals(
                hex("(module (func (result i32) (i32.const 2)))"),
                hex("(module (func (result i32) ;; comment\r (i32.const 2)))"));
    }
}
