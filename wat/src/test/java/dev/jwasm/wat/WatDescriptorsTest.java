package dev.jwasm.wat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The custom descriptors proposal's text forms, encoded to bytes worked out by hand from the
 * proposal overview's binary format: {@code (exact $t)} is {@code 0x62 u32}, {@code (describes x)}
 * is {@code 0x4C x} and {@code (descriptor y)} is {@code 0x4D y}, an exact function import has
 * kind {@code 0x20}.
 */
class WatDescriptorsTest {
    private static final String HEADER = "0061736d01000000";

    private static String hex(String wat) {
        return HexFormat.of().formatHex(Wat.toBinary(wat));
    }

    @Test
    void exactReferenceTypes() {
        // (struct) ; (struct (field (ref (exact 0)))) ; (array (ref null (exact 1)))
        assertEquals(
                HEADER + "010e03" + "5f00" + "5f0164620000" + "5e6362" + "0100",
                hex("(module (type $t (struct)) (type $s (struct (field (ref (exact $t)))))"
                        + " (type (array (ref null (exact $s)))))"));
    }

    @Test
    void refNullOfAnExactType() {
        // type 0 = struct, type 1 = [] -> [(ref null (exact 0))]; body: ref.null (exact 0)
        assertEquals(
                HEADER + "010902" + "5f00" + "6000016362" + "00" + "03020101" + "0a0701050" + "0d06200" + "0b",
                hex("(module (type $t (struct)) (func (result (ref null (exact $t))) (ref.null (exact $t))))"));
    }

    @Test
    void descriptorClausesInARecGroup() {
        assertEquals(
                HEADER + "010b01" + "4e02" + "4d015f00" + "4c005f00",
                hex("(module (rec (type $a (descriptor $b) (struct)) (type $b (describes $a) (struct))))"));
        // Inside sub, after the supertypes; a type may both describe and have a descriptor.
        assertEquals(
                HEADER + "011501" + "4e03" + "50004d015f00" + "4f004c004d025f00" + "4c015f00",
                hex("(module (rec (type $a (sub (descriptor $b) (struct)))"
                        + " (type $b (sub final (describes $a) (descriptor $c) (struct)))"
                        + " (type $c (describes $b) (struct))))"));
    }

    @Test
    void clausesOutOfOrderOrRepeatedAreMalformed() {
        assertThrows(
                WatException.class,
                () -> Wat.toBinary("(module (rec (type $a (descriptor $b) (struct))"
                        + " (type $b (descriptor $c) (describes $a) (struct)) (type $c (describes $b) (struct))))"));
        assertThrows(
                WatException.class,
                () -> Wat.toBinary("(module (rec (type $a (descriptor $b) (descriptor $b) (struct))"
                        + " (type $b (describes $a) (struct))))"));
    }

    @Test
    void abstractHeapTypesHaveNoExactForm() {
        assertThrows(WatException.class, () -> Wat.toBinary("(module (type (struct (field (ref (exact any))))))"));
        assertThrows(WatException.class, () -> Wat.toBinary("(module (type (struct (field (ref exact 0)))))"));
        assertThrows(WatException.class, () -> Wat.toBinary("(module (type (struct (field (exact 0)))))"));
    }

    @Test
    void exactFunctionImports() {
        String expected = HEADER + "010401600000" + "0207" + "01016d0166" + "2000";
        assertEquals(expected, hex("(module (type $f (func)) (import \"m\" \"f\" (func (exact (type $f)))))"));
        assertEquals(expected, hex("(module (type $f (func)) (func (import \"m\" \"f\") (exact (type $f))))"));
        // An inexact import keeps kind 0.
        assertEquals(
                HEADER + "010401600000" + "0207" + "01016d0166" + "0000",
                hex("(module (type $f (func)) (import \"m\" \"f\" (func (type $f))))"));
    }

    @Test
    void descriptorInstructions() {
        String types = "(rec (type $a (descriptor $b) (struct)) (type $b (describes $a) (struct)))";
        // type 2 = (param anyref (ref null 1)) (result (ref null 0)); ref.cast_desc_eq (ref null $a) is 0xFB 0x24.
        assertEquals(
                HEADER + "011302" + "4e024d015f004c005f00" + "60026e6301016300" + "03020102" + "0a0b0109" + "00"
                        + "20002001" + "fb2400" + "0b",
                hex("(module " + types + " (func (param anyref (ref null $b)) (result (ref null $a))"
                        + " (ref.cast_desc_eq (ref null $a) (local.get 0) (local.get 1))))"));
        // type 2 = (param (ref null (exact 1))) (result (ref 0)): struct.new_desc 0 is 0xFB 0x20 0.
        assertEquals(
                HEADER + "011302" + "4e024d015f004c005f00" + "60016362010164" + "00" + "03020102" + "0a090107" + "00"
                        + "2000" + "fb2000" + "0b",
                hex("(module " + types + " (func (param (ref null (exact $b))) (result (ref $a))"
                        + " (struct.new_desc $a (local.get 0))))"));
        // br_on_cast_desc_eq 0 anyref (ref (exact $a)): flags 1, label 0, any, exact 0.
        String body = hex("(module " + types + " (func (param anyref (ref null (exact $b))) (result anyref)"
                + " (br_on_cast_desc_eq 0 anyref (ref (exact $a)) (local.get 0) (local.get 1))))");
        assertEquals(true, body.endsWith("20002001" + "fb2501006e6200" + "0b"), body);
    }
}
