package dev.jwasm.internal.binary;

import static dev.jwasm.internal.binary.Bin.b;
import static dev.jwasm.internal.binary.Bin.body;
import static dev.jwasm.internal.binary.Bin.cat;
import static dev.jwasm.internal.binary.Bin.module;
import static dev.jwasm.internal.binary.Bin.name;
import static dev.jwasm.internal.binary.Bin.section;
import static dev.jwasm.internal.binary.Bin.vec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwasm.api.Feature;
import dev.jwasm.api.Features;
import dev.jwasm.api.InvalidModuleException;
import dev.jwasm.api.WasmModule;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Instruction typing of the custom descriptors proposal, end to end from hand-written bytes:
 * types 0 ($a, descriptor 1) and 1 ($b, describes 0) in one group, type 2 a plain struct, then
 * one function type and one function whose body is the test's. Expected messages are the
 * proposal testsuite's.
 */
class DescriptorValidationTest {
    private static final byte[] PAIR = cat(b(0x4E, 2), b(0x4D, 1, 0x5F, 0), b(0x4C, 0, 0x5F, 0));
    private static final byte[] PLAIN = b(0x5F, 0);

    /** A module whose function has type {@code funcType} (type 3) and body {@code code}. */
    private static byte[] function(byte[] funcType, byte[] code) {
        return module(
                section(1, vec(PAIR, PLAIN, funcType)),
                section(3, vec(b(3))),
                section(10, vec(body(vec(), cat(code, b(0x0B))))));
    }

    private static final Features DESCRIPTORS = Features.defaults().with(Feature.CUSTOM_DESCRIPTORS);

    private static void valid(byte[] binary) {
        WasmModule.decode(binary, DESCRIPTORS).validate();
    }

    private static String invalid(byte[] binary) {
        var module = WasmModule.decode(binary, DESCRIPTORS);
        return assertThrows(InvalidModuleException.class, module::validate).reason();
    }

    // (param (ref null (exact 1))) (result (ref (exact 0)))
    private static final byte[] EXACT_DESC_TO_EXACT_A = b(0x60, 1, 0x63, 0x62, 1, 1, 0x64, 0x62, 0);
    // (param (ref null 1)) (result (ref 0))
    private static final byte[] DESC_TO_A = b(0x60, 1, 0x63, 1, 1, 0x64, 0);
    // (param (ref null 0)) (result (ref (exact 1)))
    private static final byte[] A_TO_EXACT_DESC = b(0x60, 1, 0x63, 0, 1, 0x64, 0x62, 1);
    // (param (ref null (exact 0))) (result (ref (exact 1)))
    private static final byte[] EXACT_A_TO_EXACT_DESC = b(0x60, 1, 0x63, 0x62, 0, 1, 0x64, 0x62, 1);
    // (param anyref (ref null 1)) (result (ref null 0))
    private static final byte[] CAST = b(0x60, 2, 0x6E, 0x63, 1, 1, 0x63, 0);

    @Test
    void structNewDescTakesAnExactDescriptorAndMakesAnExactReference() {
        valid(function(EXACT_DESC_TO_EXACT_A, b(0x20, 0, 0xFB, 0x20, 0)));
        valid(function(EXACT_DESC_TO_EXACT_A, b(0x20, 0, 0xFB, 0x21, 0)));
        // An inexact descriptor could be a subtype's: not accepted.
        assertEquals(
                "type mismatch: instruction requires [(ref null (exact 1))] but stack has [(ref null 1)]",
                invalid(function(DESC_TO_A, b(0x20, 0, 0xFB, 0x20, 0))));
    }

    @Test
    void allocationMustMatchWhetherTheTypeHasADescriptor() {
        assertEquals(
                "type with descriptor requires descriptor allocation",
                invalid(function(b(0x60, 0, 0), b(0xFB, 0x00, 0, 0x1A))));
        assertEquals(
                "type with descriptor requires descriptor allocation",
                invalid(function(b(0x60, 0, 0), b(0xFB, 0x01, 0, 0x1A))));
        assertEquals(
                "type without descriptor requires non-descriptor allocation",
                invalid(function(b(0x60, 0, 0), b(0xD0, 0x71, 0xFB, 0x20, 2, 0x1A))));
    }

    @Test
    void refGetDescIsExactOnlyFromAnExactOperand() {
        valid(function(EXACT_A_TO_EXACT_DESC, b(0x20, 0, 0xFB, 0x22, 0)));
        // ref.null none is the bottom of the hierarchy: exact too.
        valid(function(b(0x60, 0, 1, 0x64, 0x62, 1), b(0xD0, 0x71, 0xFB, 0x22, 0)));
        assertEquals(
                "type mismatch: instruction requires [(ref (exact 1))] but stack has [(ref 1)]",
                invalid(function(A_TO_EXACT_DESC, b(0x20, 0, 0xFB, 0x22, 0))));
        assertEquals(
                "type without descriptor 1",
                invalid(function(b(0x60, 1, 0x63, 1, 1, 0x6E), b(0x20, 0, 0xFB, 0x22, 1))));
    }

    @Test
    void descriptorCastsTakeTheTargetsDescriptor() {
        valid(function(CAST, b(0x20, 0, 0x20, 1, 0xFB, 0x24, 0)));
        // An exact target needs an exact descriptor.
        assertEquals(
                "type mismatch: instruction requires [(ref null (exact 1))] but stack has [(ref null 1)]",
                invalid(function(b(0x60, 2, 0x6E, 0x63, 1, 1, 0x6E), b(0x20, 0, 0x20, 1, 0xFB, 0x24, 0x62, 0))));
        assertEquals(
                "type 1 does not have a descriptor", invalid(function(b(0x60, 0, 1, 0x6E), b(0x00, 0xFB, 0x23, 1))));
        assertEquals(
                "type any does not have a descriptor",
                invalid(function(b(0x60, 0, 1, 0x6E), b(0x00, 0xFB, 0x23, 0x6E))));
    }

    @Test
    void brOnCastDescEqPopsTheDescriptorAboveTheValue() {
        // block (result (ref null 0)) local.get 0 local.get 1 br_on_cast_desc_eq 0 anyref (ref null 0) ...
        byte[] code = b(0x02, 0x63, 0, 0x20, 0, 0x20, 1, 0xFB, 0x25, 0x03, 0, 0x6E, 0, 0x1A, 0xD0, 0x71, 0x0B);
        valid(function(CAST, code));
    }

    @Test
    void refFuncOfAnInexactImportIsInexact() {
        // type 0 = func; import "m" "f" (func (type 0)); import "m" "g" (func (exact (type 0)));
        // type 1 = [] -> [(ref (exact 0))]; function 2 returns ref.func of its immediate.
        byte[] imports = vec(cat(name("m"), name("f"), b(0x00, 0)), cat(name("m"), name("g"), b(0x20, 0)));
        IntFunction<byte[]> returning = f -> module(
                section(1, vec(b(0x60, 0, 0), b(0x60, 0, 1, 0x64, 0x62, 0))),
                section(2, imports),
                section(3, vec(b(1))),
                section(9, vec(b(3, 0, 2, 0, 1))), // declarative segment of functions 0 and 1
                section(10, vec(body(vec(), b(0xD2, f, 0x0B)))));
        valid(returning.apply(1));
        assertEquals(
                "type mismatch: instruction requires [(ref (exact 0))] but stack has [(ref 0)]",
                invalid(returning.apply(0)));
    }
}
