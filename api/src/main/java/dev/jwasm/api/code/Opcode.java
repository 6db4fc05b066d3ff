package dev.jwasm.api.code;

import dev.jwasm.api.model.HeapType;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.ValType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every instruction of Wasm 3.0 (core, SIMD and relaxed SIMD, GC, function references, tail
 * calls, exceptions including the legacy try/catch/delegate/rethrow, bulk memory, reference types,
 * memory64, multi-memory, extended constants), the threads proposal's atomics, the
 * wide-arithmetic proposal's 128-bit operators and the custom descriptors proposal's descriptor
 * allocation, access and casts: the one opcode
 * table that the decoder, validator, executors and the text format share.
 *
 * <p>Each constant is one binary opcode: a prefix byte ({@code 0} for single-byte opcodes, else
 * {@link #GC_PREFIX}, {@link #MISC_PREFIX}, {@link #SIMD_PREFIX} or {@link #ATOMIC_PREFIX}) and a
 * code (for prefixed opcodes a u32 in the binary format). Three text mnemonics name two binary
 * opcodes each; {@link #forMnemonic} returns the first and the text parser picks the variant by
 * the written immediates: {@code select} ({@link #SELECT} / {@link #SELECT_TYPED} when result types
 * are written), {@code ref.test}, {@code ref.cast} and {@code ref.cast_desc_eq} ({@link
 * #REF_TEST_NULL} / {@link #REF_CAST_NULL} / {@link #REF_CAST_DESC_EQ_NULL} when the reference type
 * is nullable).
 *
 * <p>Fixed-signature operators (numeric, conversions, most SIMD, loads and stores) carry their
 * operand and result types, {@link #operands()} and {@link #results()}, so that the validator
 * checks them from this table. For memory instructions the address operand is not listed: it
 * comes first, and its type is the memory's address type (i32, or i64 with memory64).
 * {@link #accessBytes()} gives the natural alignment of memory accesses (spec 3.3.7: the alignment
 * must not exceed it; atomics require it exactly).
 */
public enum Opcode {
    UNREACHABLE("unreachable", 0, 0x0, Immediates.NONE),
    NOP("nop", 0, 0x1, Immediates.NONE),
    BLOCK("block", 0, 0x2, Immediates.BLOCK_TYPE),
    LOOP("loop", 0, 0x3, Immediates.BLOCK_TYPE),
    IF("if", 0, 0x4, Immediates.BLOCK_TYPE),
    ELSE("else", 0, 0x5, Immediates.NONE),
    TRY("try", 0, 0x6, Immediates.BLOCK_TYPE),
    CATCH("catch", 0, 0x7, Immediates.TAG),
    THROW("throw", 0, 0x8, Immediates.TAG),
    RETHROW("rethrow", 0, 0x9, Immediates.LABEL),
    THROW_REF("throw_ref", 0, 0xA, Immediates.NONE),
    END("end", 0, 0xB, Immediates.NONE),
    BR("br", 0, 0xC, Immediates.LABEL),
    BR_IF("br_if", 0, 0xD, Immediates.LABEL),
    BR_TABLE("br_table", 0, 0xE, Immediates.LABEL_TABLE),
    RETURN("return", 0, 0xF, Immediates.NONE),
    CALL("call", 0, 0x10, Immediates.FUNC),
    CALL_INDIRECT("call_indirect", 0, 0x11, Immediates.CALL_INDIRECT),
    RETURN_CALL("return_call", 0, 0x12, Immediates.FUNC),
    RETURN_CALL_INDIRECT("return_call_indirect", 0, 0x13, Immediates.CALL_INDIRECT),
    CALL_REF("call_ref", 0, 0x14, Immediates.TYPE),
    RETURN_CALL_REF("return_call_ref", 0, 0x15, Immediates.TYPE),
    DELEGATE("delegate", 0, 0x18, Immediates.LABEL),
    CATCH_ALL("catch_all", 0, 0x19, Immediates.NONE),
    DROP("drop", 0, 0x1A, Immediates.NONE),
    SELECT("select", 0, 0x1B, Immediates.NONE),
    SELECT_TYPED("select", 0, 0x1C, Immediates.SELECT_TYPES),
    TRY_TABLE("try_table", 0, 0x1F, Immediates.TRY_TABLE),
    LOCAL_GET("local.get", 0, 0x20, Immediates.LOCAL),
    LOCAL_SET("local.set", 0, 0x21, Immediates.LOCAL),
    LOCAL_TEE("local.tee", 0, 0x22, Immediates.LOCAL),
    GLOBAL_GET("global.get", 0, 0x23, Immediates.GLOBAL),
    GLOBAL_SET("global.set", 0, 0x24, Immediates.GLOBAL),
    TABLE_GET("table.get", 0, 0x25, Immediates.TABLE),
    TABLE_SET("table.set", 0, 0x26, Immediates.TABLE),
    I32_LOAD("i32.load", 0, 0x28, Immediates.MEMARG, ">i", 4),
    I64_LOAD("i64.load", 0, 0x29, Immediates.MEMARG, ">I", 8),
    F32_LOAD("f32.load", 0, 0x2A, Immediates.MEMARG, ">f", 4),
    F64_LOAD("f64.load", 0, 0x2B, Immediates.MEMARG, ">F", 8),
    I32_LOAD8_S("i32.load8_s", 0, 0x2C, Immediates.MEMARG, ">i", 1),
    I32_LOAD8_U("i32.load8_u", 0, 0x2D, Immediates.MEMARG, ">i", 1),
    I32_LOAD16_S("i32.load16_s", 0, 0x2E, Immediates.MEMARG, ">i", 2),
    I32_LOAD16_U("i32.load16_u", 0, 0x2F, Immediates.MEMARG, ">i", 2),
    I64_LOAD8_S("i64.load8_s", 0, 0x30, Immediates.MEMARG, ">I", 1),
    I64_LOAD8_U("i64.load8_u", 0, 0x31, Immediates.MEMARG, ">I", 1),
    I64_LOAD16_S("i64.load16_s", 0, 0x32, Immediates.MEMARG, ">I", 2),
    I64_LOAD16_U("i64.load16_u", 0, 0x33, Immediates.MEMARG, ">I", 2),
    I64_LOAD32_S("i64.load32_s", 0, 0x34, Immediates.MEMARG, ">I", 4),
    I64_LOAD32_U("i64.load32_u", 0, 0x35, Immediates.MEMARG, ">I", 4),
    I32_STORE("i32.store", 0, 0x36, Immediates.MEMARG, "i>", 4),
    I64_STORE("i64.store", 0, 0x37, Immediates.MEMARG, "I>", 8),
    F32_STORE("f32.store", 0, 0x38, Immediates.MEMARG, "f>", 4),
    F64_STORE("f64.store", 0, 0x39, Immediates.MEMARG, "F>", 8),
    I32_STORE8("i32.store8", 0, 0x3A, Immediates.MEMARG, "i>", 1),
    I32_STORE16("i32.store16", 0, 0x3B, Immediates.MEMARG, "i>", 2),
    I64_STORE8("i64.store8", 0, 0x3C, Immediates.MEMARG, "I>", 1),
    I64_STORE16("i64.store16", 0, 0x3D, Immediates.MEMARG, "I>", 2),
    I64_STORE32("i64.store32", 0, 0x3E, Immediates.MEMARG, "I>", 4),
    MEMORY_SIZE("memory.size", 0, 0x3F, Immediates.MEMORY),
    MEMORY_GROW("memory.grow", 0, 0x40, Immediates.MEMORY),
    I32_CONST("i32.const", 0, 0x41, Immediates.I32, ">i"),
    I64_CONST("i64.const", 0, 0x42, Immediates.I64, ">I"),
    F32_CONST("f32.const", 0, 0x43, Immediates.F32, ">f"),
    F64_CONST("f64.const", 0, 0x44, Immediates.F64, ">F"),
    I32_EQZ("i32.eqz", 0, 0x45, Immediates.NONE, "i>i"),
    I32_EQ("i32.eq", 0, 0x46, Immediates.NONE, "ii>i"),
    I32_NE("i32.ne", 0, 0x47, Immediates.NONE, "ii>i"),
    I32_LT_S("i32.lt_s", 0, 0x48, Immediates.NONE, "ii>i"),
    I32_LT_U("i32.lt_u", 0, 0x49, Immediates.NONE, "ii>i"),
    I32_GT_S("i32.gt_s", 0, 0x4A, Immediates.NONE, "ii>i"),
    I32_GT_U("i32.gt_u", 0, 0x4B, Immediates.NONE, "ii>i"),
    I32_LE_S("i32.le_s", 0, 0x4C, Immediates.NONE, "ii>i"),
    I32_LE_U("i32.le_u", 0, 0x4D, Immediates.NONE, "ii>i"),
    I32_GE_S("i32.ge_s", 0, 0x4E, Immediates.NONE, "ii>i"),
    I32_GE_U("i32.ge_u", 0, 0x4F, Immediates.NONE, "ii>i"),
    I64_EQZ("i64.eqz", 0, 0x50, Immediates.NONE, "I>i"),
    I64_EQ("i64.eq", 0, 0x51, Immediates.NONE, "II>i"),
    I64_NE("i64.ne", 0, 0x52, Immediates.NONE, "II>i"),
    I64_LT_S("i64.lt_s", 0, 0x53, Immediates.NONE, "II>i"),
    I64_LT_U("i64.lt_u", 0, 0x54, Immediates.NONE, "II>i"),
    I64_GT_S("i64.gt_s", 0, 0x55, Immediates.NONE, "II>i"),
    I64_GT_U("i64.gt_u", 0, 0x56, Immediates.NONE, "II>i"),
    I64_LE_S("i64.le_s", 0, 0x57, Immediates.NONE, "II>i"),
    I64_LE_U("i64.le_u", 0, 0x58, Immediates.NONE, "II>i"),
    I64_GE_S("i64.ge_s", 0, 0x59, Immediates.NONE, "II>i"),
    I64_GE_U("i64.ge_u", 0, 0x5A, Immediates.NONE, "II>i"),
    F32_EQ("f32.eq", 0, 0x5B, Immediates.NONE, "ff>i"),
    F32_NE("f32.ne", 0, 0x5C, Immediates.NONE, "ff>i"),
    F32_LT("f32.lt", 0, 0x5D, Immediates.NONE, "ff>i"),
    F32_GT("f32.gt", 0, 0x5E, Immediates.NONE, "ff>i"),
    F32_LE("f32.le", 0, 0x5F, Immediates.NONE, "ff>i"),
    F32_GE("f32.ge", 0, 0x60, Immediates.NONE, "ff>i"),
    F64_EQ("f64.eq", 0, 0x61, Immediates.NONE, "FF>i"),
    F64_NE("f64.ne", 0, 0x62, Immediates.NONE, "FF>i"),
    F64_LT("f64.lt", 0, 0x63, Immediates.NONE, "FF>i"),
    F64_GT("f64.gt", 0, 0x64, Immediates.NONE, "FF>i"),
    F64_LE("f64.le", 0, 0x65, Immediates.NONE, "FF>i"),
    F64_GE("f64.ge", 0, 0x66, Immediates.NONE, "FF>i"),
    I32_CLZ("i32.clz", 0, 0x67, Immediates.NONE, "i>i"),
    I32_CTZ("i32.ctz", 0, 0x68, Immediates.NONE, "i>i"),
    I32_POPCNT("i32.popcnt", 0, 0x69, Immediates.NONE, "i>i"),
    I32_ADD("i32.add", 0, 0x6A, Immediates.NONE, "ii>i"),
    I32_SUB("i32.sub", 0, 0x6B, Immediates.NONE, "ii>i"),
    I32_MUL("i32.mul", 0, 0x6C, Immediates.NONE, "ii>i"),
    I32_DIV_S("i32.div_s", 0, 0x6D, Immediates.NONE, "ii>i"),
    I32_DIV_U("i32.div_u", 0, 0x6E, Immediates.NONE, "ii>i"),
    I32_REM_S("i32.rem_s", 0, 0x6F, Immediates.NONE, "ii>i"),
    I32_REM_U("i32.rem_u", 0, 0x70, Immediates.NONE, "ii>i"),
    I32_AND("i32.and", 0, 0x71, Immediates.NONE, "ii>i"),
    I32_OR("i32.or", 0, 0x72, Immediates.NONE, "ii>i"),
    I32_XOR("i32.xor", 0, 0x73, Immediates.NONE, "ii>i"),
    I32_SHL("i32.shl", 0, 0x74, Immediates.NONE, "ii>i"),
    I32_SHR_S("i32.shr_s", 0, 0x75, Immediates.NONE, "ii>i"),
    I32_SHR_U("i32.shr_u", 0, 0x76, Immediates.NONE, "ii>i"),
    I32_ROTL("i32.rotl", 0, 0x77, Immediates.NONE, "ii>i"),
    I32_ROTR("i32.rotr", 0, 0x78, Immediates.NONE, "ii>i"),
    I64_CLZ("i64.clz", 0, 0x79, Immediates.NONE, "I>I"),
    I64_CTZ("i64.ctz", 0, 0x7A, Immediates.NONE, "I>I"),
    I64_POPCNT("i64.popcnt", 0, 0x7B, Immediates.NONE, "I>I"),
    I64_ADD("i64.add", 0, 0x7C, Immediates.NONE, "II>I"),
    I64_SUB("i64.sub", 0, 0x7D, Immediates.NONE, "II>I"),
    I64_MUL("i64.mul", 0, 0x7E, Immediates.NONE, "II>I"),
    I64_DIV_S("i64.div_s", 0, 0x7F, Immediates.NONE, "II>I"),
    I64_DIV_U("i64.div_u", 0, 0x80, Immediates.NONE, "II>I"),
    I64_REM_S("i64.rem_s", 0, 0x81, Immediates.NONE, "II>I"),
    I64_REM_U("i64.rem_u", 0, 0x82, Immediates.NONE, "II>I"),
    I64_AND("i64.and", 0, 0x83, Immediates.NONE, "II>I"),
    I64_OR("i64.or", 0, 0x84, Immediates.NONE, "II>I"),
    I64_XOR("i64.xor", 0, 0x85, Immediates.NONE, "II>I"),
    I64_SHL("i64.shl", 0, 0x86, Immediates.NONE, "II>I"),
    I64_SHR_S("i64.shr_s", 0, 0x87, Immediates.NONE, "II>I"),
    I64_SHR_U("i64.shr_u", 0, 0x88, Immediates.NONE, "II>I"),
    I64_ROTL("i64.rotl", 0, 0x89, Immediates.NONE, "II>I"),
    I64_ROTR("i64.rotr", 0, 0x8A, Immediates.NONE, "II>I"),
    F32_ABS("f32.abs", 0, 0x8B, Immediates.NONE, "f>f"),
    F32_NEG("f32.neg", 0, 0x8C, Immediates.NONE, "f>f"),
    F32_CEIL("f32.ceil", 0, 0x8D, Immediates.NONE, "f>f"),
    F32_FLOOR("f32.floor", 0, 0x8E, Immediates.NONE, "f>f"),
    F32_TRUNC("f32.trunc", 0, 0x8F, Immediates.NONE, "f>f"),
    F32_NEAREST("f32.nearest", 0, 0x90, Immediates.NONE, "f>f"),
    F32_SQRT("f32.sqrt", 0, 0x91, Immediates.NONE, "f>f"),
    F32_ADD("f32.add", 0, 0x92, Immediates.NONE, "ff>f"),
    F32_SUB("f32.sub", 0, 0x93, Immediates.NONE, "ff>f"),
    F32_MUL("f32.mul", 0, 0x94, Immediates.NONE, "ff>f"),
    F32_DIV("f32.div", 0, 0x95, Immediates.NONE, "ff>f"),
    F32_MIN("f32.min", 0, 0x96, Immediates.NONE, "ff>f"),
    F32_MAX("f32.max", 0, 0x97, Immediates.NONE, "ff>f"),
    F32_COPYSIGN("f32.copysign", 0, 0x98, Immediates.NONE, "ff>f"),
    F64_ABS("f64.abs", 0, 0x99, Immediates.NONE, "F>F"),
    F64_NEG("f64.neg", 0, 0x9A, Immediates.NONE, "F>F"),
    F64_CEIL("f64.ceil", 0, 0x9B, Immediates.NONE, "F>F"),
    F64_FLOOR("f64.floor", 0, 0x9C, Immediates.NONE, "F>F"),
    F64_TRUNC("f64.trunc", 0, 0x9D, Immediates.NONE, "F>F"),
    F64_NEAREST("f64.nearest", 0, 0x9E, Immediates.NONE, "F>F"),
    F64_SQRT("f64.sqrt", 0, 0x9F, Immediates.NONE, "F>F"),
    F64_ADD("f64.add", 0, 0xA0, Immediates.NONE, "FF>F"),
    F64_SUB("f64.sub", 0, 0xA1, Immediates.NONE, "FF>F"),
    F64_MUL("f64.mul", 0, 0xA2, Immediates.NONE, "FF>F"),
    F64_DIV("f64.div", 0, 0xA3, Immediates.NONE, "FF>F"),
    F64_MIN("f64.min", 0, 0xA4, Immediates.NONE, "FF>F"),
    F64_MAX("f64.max", 0, 0xA5, Immediates.NONE, "FF>F"),
    F64_COPYSIGN("f64.copysign", 0, 0xA6, Immediates.NONE, "FF>F"),
    I32_WRAP_I64("i32.wrap_i64", 0, 0xA7, Immediates.NONE, "I>i"),
    I32_TRUNC_F32_S("i32.trunc_f32_s", 0, 0xA8, Immediates.NONE, "f>i"),
    I32_TRUNC_F32_U("i32.trunc_f32_u", 0, 0xA9, Immediates.NONE, "f>i"),
    I32_TRUNC_F64_S("i32.trunc_f64_s", 0, 0xAA, Immediates.NONE, "F>i"),
    I32_TRUNC_F64_U("i32.trunc_f64_u", 0, 0xAB, Immediates.NONE, "F>i"),
    I64_EXTEND_I32_S("i64.extend_i32_s", 0, 0xAC, Immediates.NONE, "i>I"),
    I64_EXTEND_I32_U("i64.extend_i32_u", 0, 0xAD, Immediates.NONE, "i>I"),
    I64_TRUNC_F32_S("i64.trunc_f32_s", 0, 0xAE, Immediates.NONE, "f>I"),
    I64_TRUNC_F32_U("i64.trunc_f32_u", 0, 0xAF, Immediates.NONE, "f>I"),
    I64_TRUNC_F64_S("i64.trunc_f64_s", 0, 0xB0, Immediates.NONE, "F>I"),
    I64_TRUNC_F64_U("i64.trunc_f64_u", 0, 0xB1, Immediates.NONE, "F>I"),
    F32_CONVERT_I32_S("f32.convert_i32_s", 0, 0xB2, Immediates.NONE, "i>f"),
    F32_CONVERT_I32_U("f32.convert_i32_u", 0, 0xB3, Immediates.NONE, "i>f"),
    F32_CONVERT_I64_S("f32.convert_i64_s", 0, 0xB4, Immediates.NONE, "I>f"),
    F32_CONVERT_I64_U("f32.convert_i64_u", 0, 0xB5, Immediates.NONE, "I>f"),
    F32_DEMOTE_F64("f32.demote_f64", 0, 0xB6, Immediates.NONE, "F>f"),
    F64_CONVERT_I32_S("f64.convert_i32_s", 0, 0xB7, Immediates.NONE, "i>F"),
    F64_CONVERT_I32_U("f64.convert_i32_u", 0, 0xB8, Immediates.NONE, "i>F"),
    F64_CONVERT_I64_S("f64.convert_i64_s", 0, 0xB9, Immediates.NONE, "I>F"),
    F64_CONVERT_I64_U("f64.convert_i64_u", 0, 0xBA, Immediates.NONE, "I>F"),
    F64_PROMOTE_F32("f64.promote_f32", 0, 0xBB, Immediates.NONE, "f>F"),
    I32_REINTERPRET_F32("i32.reinterpret_f32", 0, 0xBC, Immediates.NONE, "f>i"),
    I64_REINTERPRET_F64("i64.reinterpret_f64", 0, 0xBD, Immediates.NONE, "F>I"),
    F32_REINTERPRET_I32("f32.reinterpret_i32", 0, 0xBE, Immediates.NONE, "i>f"),
    F64_REINTERPRET_I64("f64.reinterpret_i64", 0, 0xBF, Immediates.NONE, "I>F"),
    I32_EXTEND8_S("i32.extend8_s", 0, 0xC0, Immediates.NONE, "i>i"),
    I32_EXTEND16_S("i32.extend16_s", 0, 0xC1, Immediates.NONE, "i>i"),
    I64_EXTEND8_S("i64.extend8_s", 0, 0xC2, Immediates.NONE, "I>I"),
    I64_EXTEND16_S("i64.extend16_s", 0, 0xC3, Immediates.NONE, "I>I"),
    I64_EXTEND32_S("i64.extend32_s", 0, 0xC4, Immediates.NONE, "I>I"),
    REF_NULL("ref.null", 0, 0xD0, Immediates.HEAP_TYPE),
    REF_IS_NULL("ref.is_null", 0, 0xD1, Immediates.NONE),
    REF_FUNC("ref.func", 0, 0xD2, Immediates.FUNC),
    REF_EQ("ref.eq", 0, 0xD3, Immediates.NONE, "ee>i"),
    REF_AS_NON_NULL("ref.as_non_null", 0, 0xD4, Immediates.NONE),
    BR_ON_NULL("br_on_null", 0, 0xD5, Immediates.LABEL),
    BR_ON_NON_NULL("br_on_non_null", 0, 0xD6, Immediates.LABEL),
    STRUCT_NEW("struct.new", 0xFB, 0x0, Immediates.TYPE),
    STRUCT_NEW_DEFAULT("struct.new_default", 0xFB, 0x1, Immediates.TYPE),
    STRUCT_GET("struct.get", 0xFB, 0x2, Immediates.TYPE_FIELD),
    STRUCT_GET_S("struct.get_s", 0xFB, 0x3, Immediates.TYPE_FIELD),
    STRUCT_GET_U("struct.get_u", 0xFB, 0x4, Immediates.TYPE_FIELD),
    STRUCT_SET("struct.set", 0xFB, 0x5, Immediates.TYPE_FIELD),
    ARRAY_NEW("array.new", 0xFB, 0x6, Immediates.TYPE),
    ARRAY_NEW_DEFAULT("array.new_default", 0xFB, 0x7, Immediates.TYPE),
    ARRAY_NEW_FIXED("array.new_fixed", 0xFB, 0x8, Immediates.TYPE_LENGTH),
    ARRAY_NEW_DATA("array.new_data", 0xFB, 0x9, Immediates.TYPE_DATA),
    ARRAY_NEW_ELEM("array.new_elem", 0xFB, 0xA, Immediates.TYPE_ELEM),
    ARRAY_GET("array.get", 0xFB, 0xB, Immediates.TYPE),
    ARRAY_GET_S("array.get_s", 0xFB, 0xC, Immediates.TYPE),
    ARRAY_GET_U("array.get_u", 0xFB, 0xD, Immediates.TYPE),
    ARRAY_SET("array.set", 0xFB, 0xE, Immediates.TYPE),
    ARRAY_LEN("array.len", 0xFB, 0xF, Immediates.NONE, "a>i"),
    ARRAY_FILL("array.fill", 0xFB, 0x10, Immediates.TYPE),
    ARRAY_COPY("array.copy", 0xFB, 0x11, Immediates.TYPE_TYPE),
    ARRAY_INIT_DATA("array.init_data", 0xFB, 0x12, Immediates.TYPE_DATA),
    ARRAY_INIT_ELEM("array.init_elem", 0xFB, 0x13, Immediates.TYPE_ELEM),
    REF_TEST("ref.test", 0xFB, 0x14, Immediates.REF_TYPE),
    REF_TEST_NULL("ref.test", 0xFB, 0x15, Immediates.REF_TYPE),
    REF_CAST("ref.cast", 0xFB, 0x16, Immediates.REF_TYPE),
    REF_CAST_NULL("ref.cast", 0xFB, 0x17, Immediates.REF_TYPE),
    BR_ON_CAST("br_on_cast", 0xFB, 0x18, Immediates.BR_ON_CAST),
    BR_ON_CAST_FAIL("br_on_cast_fail", 0xFB, 0x19, Immediates.BR_ON_CAST),
    ANY_CONVERT_EXTERN("any.convert_extern", 0xFB, 0x1A, Immediates.NONE),
    EXTERN_CONVERT_ANY("extern.convert_any", 0xFB, 0x1B, Immediates.NONE),
    REF_I31("ref.i31", 0xFB, 0x1C, Immediates.NONE, "i>j"),
    I31_GET_S("i31.get_s", 0xFB, 0x1D, Immediates.NONE, "J>i"),
    I31_GET_U("i31.get_u", 0xFB, 0x1E, Immediates.NONE, "J>i"),
    // Custom descriptors proposal: allocation with a descriptor, reading it, and casts that
    // compare it (the descriptor is the last operand).
    STRUCT_NEW_DESC("struct.new_desc", 0xFB, 0x20, Immediates.TYPE),
    STRUCT_NEW_DEFAULT_DESC("struct.new_default_desc", 0xFB, 0x21, Immediates.TYPE),
    REF_GET_DESC("ref.get_desc", 0xFB, 0x22, Immediates.TYPE),
    REF_CAST_DESC_EQ("ref.cast_desc_eq", 0xFB, 0x23, Immediates.REF_TYPE),
    REF_CAST_DESC_EQ_NULL("ref.cast_desc_eq", 0xFB, 0x24, Immediates.REF_TYPE),
    BR_ON_CAST_DESC_EQ("br_on_cast_desc_eq", 0xFB, 0x25, Immediates.BR_ON_CAST),
    BR_ON_CAST_DESC_EQ_FAIL("br_on_cast_desc_eq_fail", 0xFB, 0x26, Immediates.BR_ON_CAST),
    I32_TRUNC_SAT_F32_S("i32.trunc_sat_f32_s", 0xFC, 0x0, Immediates.NONE, "f>i"),
    I32_TRUNC_SAT_F32_U("i32.trunc_sat_f32_u", 0xFC, 0x1, Immediates.NONE, "f>i"),
    I32_TRUNC_SAT_F64_S("i32.trunc_sat_f64_s", 0xFC, 0x2, Immediates.NONE, "F>i"),
    I32_TRUNC_SAT_F64_U("i32.trunc_sat_f64_u", 0xFC, 0x3, Immediates.NONE, "F>i"),
    I64_TRUNC_SAT_F32_S("i64.trunc_sat_f32_s", 0xFC, 0x4, Immediates.NONE, "f>I"),
    I64_TRUNC_SAT_F32_U("i64.trunc_sat_f32_u", 0xFC, 0x5, Immediates.NONE, "f>I"),
    I64_TRUNC_SAT_F64_S("i64.trunc_sat_f64_s", 0xFC, 0x6, Immediates.NONE, "F>I"),
    I64_TRUNC_SAT_F64_U("i64.trunc_sat_f64_u", 0xFC, 0x7, Immediates.NONE, "F>I"),
    MEMORY_INIT("memory.init", 0xFC, 0x8, Immediates.MEMORY_INIT),
    DATA_DROP("data.drop", 0xFC, 0x9, Immediates.DATA),
    MEMORY_COPY("memory.copy", 0xFC, 0xA, Immediates.MEMORY_MEMORY),
    MEMORY_FILL("memory.fill", 0xFC, 0xB, Immediates.MEMORY),
    TABLE_INIT("table.init", 0xFC, 0xC, Immediates.TABLE_INIT),
    ELEM_DROP("elem.drop", 0xFC, 0xD, Immediates.ELEM),
    TABLE_COPY("table.copy", 0xFC, 0xE, Immediates.TABLE_TABLE),
    TABLE_GROW("table.grow", 0xFC, 0xF, Immediates.TABLE),
    TABLE_SIZE("table.size", 0xFC, 0x10, Immediates.TABLE),
    TABLE_FILL("table.fill", 0xFC, 0x11, Immediates.TABLE),
    // Wide-arithmetic proposal: 128-bit add/sub on (low, high) i64 pairs and 64x64->128 multiply,
    // results low half first.
    I64_ADD128("i64.add128", 0xFC, 0x13, Immediates.NONE, "IIII>II"),
    I64_SUB128("i64.sub128", 0xFC, 0x14, Immediates.NONE, "IIII>II"),
    I64_MUL_WIDE_S("i64.mul_wide_s", 0xFC, 0x15, Immediates.NONE, "II>II"),
    I64_MUL_WIDE_U("i64.mul_wide_u", 0xFC, 0x16, Immediates.NONE, "II>II"),
    V128_LOAD("v128.load", 0xFD, 0x0, Immediates.MEMARG, ">v", 16),
    V128_LOAD8X8_S("v128.load8x8_s", 0xFD, 0x1, Immediates.MEMARG, ">v", 8),
    V128_LOAD8X8_U("v128.load8x8_u", 0xFD, 0x2, Immediates.MEMARG, ">v", 8),
    V128_LOAD16X4_S("v128.load16x4_s", 0xFD, 0x3, Immediates.MEMARG, ">v", 8),
    V128_LOAD16X4_U("v128.load16x4_u", 0xFD, 0x4, Immediates.MEMARG, ">v", 8),
    V128_LOAD32X2_S("v128.load32x2_s", 0xFD, 0x5, Immediates.MEMARG, ">v", 8),
    V128_LOAD32X2_U("v128.load32x2_u", 0xFD, 0x6, Immediates.MEMARG, ">v", 8),
    V128_LOAD8_SPLAT("v128.load8_splat", 0xFD, 0x7, Immediates.MEMARG, ">v", 1),
    V128_LOAD16_SPLAT("v128.load16_splat", 0xFD, 0x8, Immediates.MEMARG, ">v", 2),
    V128_LOAD32_SPLAT("v128.load32_splat", 0xFD, 0x9, Immediates.MEMARG, ">v", 4),
    V128_LOAD64_SPLAT("v128.load64_splat", 0xFD, 0xA, Immediates.MEMARG, ">v", 8),
    V128_STORE("v128.store", 0xFD, 0xB, Immediates.MEMARG, "v>", 16),
    V128_CONST("v128.const", 0xFD, 0xC, Immediates.V128, ">v"),
    I8X16_SHUFFLE("i8x16.shuffle", 0xFD, 0xD, Immediates.SHUFFLE, "vv>v"),
    I8X16_SWIZZLE("i8x16.swizzle", 0xFD, 0xE, Immediates.NONE, "vv>v"),
    I8X16_SPLAT("i8x16.splat", 0xFD, 0xF, Immediates.NONE, "i>v"),
    I16X8_SPLAT("i16x8.splat", 0xFD, 0x10, Immediates.NONE, "i>v"),
    I32X4_SPLAT("i32x4.splat", 0xFD, 0x11, Immediates.NONE, "i>v"),
    I64X2_SPLAT("i64x2.splat", 0xFD, 0x12, Immediates.NONE, "I>v"),
    F32X4_SPLAT("f32x4.splat", 0xFD, 0x13, Immediates.NONE, "f>v"),
    F64X2_SPLAT("f64x2.splat", 0xFD, 0x14, Immediates.NONE, "F>v"),
    I8X16_EXTRACT_LANE_S("i8x16.extract_lane_s", 0xFD, 0x15, Immediates.LANE, "v>i"),
    I8X16_EXTRACT_LANE_U("i8x16.extract_lane_u", 0xFD, 0x16, Immediates.LANE, "v>i"),
    I8X16_REPLACE_LANE("i8x16.replace_lane", 0xFD, 0x17, Immediates.LANE, "vi>v"),
    I16X8_EXTRACT_LANE_S("i16x8.extract_lane_s", 0xFD, 0x18, Immediates.LANE, "v>i"),
    I16X8_EXTRACT_LANE_U("i16x8.extract_lane_u", 0xFD, 0x19, Immediates.LANE, "v>i"),
    I16X8_REPLACE_LANE("i16x8.replace_lane", 0xFD, 0x1A, Immediates.LANE, "vi>v"),
    I32X4_EXTRACT_LANE("i32x4.extract_lane", 0xFD, 0x1B, Immediates.LANE, "v>i"),
    I32X4_REPLACE_LANE("i32x4.replace_lane", 0xFD, 0x1C, Immediates.LANE, "vi>v"),
    I64X2_EXTRACT_LANE("i64x2.extract_lane", 0xFD, 0x1D, Immediates.LANE, "v>I"),
    I64X2_REPLACE_LANE("i64x2.replace_lane", 0xFD, 0x1E, Immediates.LANE, "vI>v"),
    F32X4_EXTRACT_LANE("f32x4.extract_lane", 0xFD, 0x1F, Immediates.LANE, "v>f"),
    F32X4_REPLACE_LANE("f32x4.replace_lane", 0xFD, 0x20, Immediates.LANE, "vf>v"),
    F64X2_EXTRACT_LANE("f64x2.extract_lane", 0xFD, 0x21, Immediates.LANE, "v>F"),
    F64X2_REPLACE_LANE("f64x2.replace_lane", 0xFD, 0x22, Immediates.LANE, "vF>v"),
    I8X16_EQ("i8x16.eq", 0xFD, 0x23, Immediates.NONE, "vv>v"),
    I8X16_NE("i8x16.ne", 0xFD, 0x24, Immediates.NONE, "vv>v"),
    I8X16_LT_S("i8x16.lt_s", 0xFD, 0x25, Immediates.NONE, "vv>v"),
    I8X16_LT_U("i8x16.lt_u", 0xFD, 0x26, Immediates.NONE, "vv>v"),
    I8X16_GT_S("i8x16.gt_s", 0xFD, 0x27, Immediates.NONE, "vv>v"),
    I8X16_GT_U("i8x16.gt_u", 0xFD, 0x28, Immediates.NONE, "vv>v"),
    I8X16_LE_S("i8x16.le_s", 0xFD, 0x29, Immediates.NONE, "vv>v"),
    I8X16_LE_U("i8x16.le_u", 0xFD, 0x2A, Immediates.NONE, "vv>v"),
    I8X16_GE_S("i8x16.ge_s", 0xFD, 0x2B, Immediates.NONE, "vv>v"),
    I8X16_GE_U("i8x16.ge_u", 0xFD, 0x2C, Immediates.NONE, "vv>v"),
    I16X8_EQ("i16x8.eq", 0xFD, 0x2D, Immediates.NONE, "vv>v"),
    I16X8_NE("i16x8.ne", 0xFD, 0x2E, Immediates.NONE, "vv>v"),
    I16X8_LT_S("i16x8.lt_s", 0xFD, 0x2F, Immediates.NONE, "vv>v"),
    I16X8_LT_U("i16x8.lt_u", 0xFD, 0x30, Immediates.NONE, "vv>v"),
    I16X8_GT_S("i16x8.gt_s", 0xFD, 0x31, Immediates.NONE, "vv>v"),
    I16X8_GT_U("i16x8.gt_u", 0xFD, 0x32, Immediates.NONE, "vv>v"),
    I16X8_LE_S("i16x8.le_s", 0xFD, 0x33, Immediates.NONE, "vv>v"),
    I16X8_LE_U("i16x8.le_u", 0xFD, 0x34, Immediates.NONE, "vv>v"),
    I16X8_GE_S("i16x8.ge_s", 0xFD, 0x35, Immediates.NONE, "vv>v"),
    I16X8_GE_U("i16x8.ge_u", 0xFD, 0x36, Immediates.NONE, "vv>v"),
    I32X4_EQ("i32x4.eq", 0xFD, 0x37, Immediates.NONE, "vv>v"),
    I32X4_NE("i32x4.ne", 0xFD, 0x38, Immediates.NONE, "vv>v"),
    I32X4_LT_S("i32x4.lt_s", 0xFD, 0x39, Immediates.NONE, "vv>v"),
    I32X4_LT_U("i32x4.lt_u", 0xFD, 0x3A, Immediates.NONE, "vv>v"),
    I32X4_GT_S("i32x4.gt_s", 0xFD, 0x3B, Immediates.NONE, "vv>v"),
    I32X4_GT_U("i32x4.gt_u", 0xFD, 0x3C, Immediates.NONE, "vv>v"),
    I32X4_LE_S("i32x4.le_s", 0xFD, 0x3D, Immediates.NONE, "vv>v"),
    I32X4_LE_U("i32x4.le_u", 0xFD, 0x3E, Immediates.NONE, "vv>v"),
    I32X4_GE_S("i32x4.ge_s", 0xFD, 0x3F, Immediates.NONE, "vv>v"),
    I32X4_GE_U("i32x4.ge_u", 0xFD, 0x40, Immediates.NONE, "vv>v"),
    F32X4_EQ("f32x4.eq", 0xFD, 0x41, Immediates.NONE, "vv>v"),
    F32X4_NE("f32x4.ne", 0xFD, 0x42, Immediates.NONE, "vv>v"),
    F32X4_LT("f32x4.lt", 0xFD, 0x43, Immediates.NONE, "vv>v"),
    F32X4_GT("f32x4.gt", 0xFD, 0x44, Immediates.NONE, "vv>v"),
    F32X4_LE("f32x4.le", 0xFD, 0x45, Immediates.NONE, "vv>v"),
    F32X4_GE("f32x4.ge", 0xFD, 0x46, Immediates.NONE, "vv>v"),
    F64X2_EQ("f64x2.eq", 0xFD, 0x47, Immediates.NONE, "vv>v"),
    F64X2_NE("f64x2.ne", 0xFD, 0x48, Immediates.NONE, "vv>v"),
    F64X2_LT("f64x2.lt", 0xFD, 0x49, Immediates.NONE, "vv>v"),
    F64X2_GT("f64x2.gt", 0xFD, 0x4A, Immediates.NONE, "vv>v"),
    F64X2_LE("f64x2.le", 0xFD, 0x4B, Immediates.NONE, "vv>v"),
    F64X2_GE("f64x2.ge", 0xFD, 0x4C, Immediates.NONE, "vv>v"),
    V128_NOT("v128.not", 0xFD, 0x4D, Immediates.NONE, "v>v"),
    V128_AND("v128.and", 0xFD, 0x4E, Immediates.NONE, "vv>v"),
    V128_ANDNOT("v128.andnot", 0xFD, 0x4F, Immediates.NONE, "vv>v"),
    V128_OR("v128.or", 0xFD, 0x50, Immediates.NONE, "vv>v"),
    V128_XOR("v128.xor", 0xFD, 0x51, Immediates.NONE, "vv>v"),
    V128_BITSELECT("v128.bitselect", 0xFD, 0x52, Immediates.NONE, "vvv>v"),
    V128_ANY_TRUE("v128.any_true", 0xFD, 0x53, Immediates.NONE, "v>i"),
    V128_LOAD8_LANE("v128.load8_lane", 0xFD, 0x54, Immediates.MEMARG_LANE, "v>v", 1),
    V128_LOAD16_LANE("v128.load16_lane", 0xFD, 0x55, Immediates.MEMARG_LANE, "v>v", 2),
    V128_LOAD32_LANE("v128.load32_lane", 0xFD, 0x56, Immediates.MEMARG_LANE, "v>v", 4),
    V128_LOAD64_LANE("v128.load64_lane", 0xFD, 0x57, Immediates.MEMARG_LANE, "v>v", 8),
    V128_STORE8_LANE("v128.store8_lane", 0xFD, 0x58, Immediates.MEMARG_LANE, "v>", 1),
    V128_STORE16_LANE("v128.store16_lane", 0xFD, 0x59, Immediates.MEMARG_LANE, "v>", 2),
    V128_STORE32_LANE("v128.store32_lane", 0xFD, 0x5A, Immediates.MEMARG_LANE, "v>", 4),
    V128_STORE64_LANE("v128.store64_lane", 0xFD, 0x5B, Immediates.MEMARG_LANE, "v>", 8),
    V128_LOAD32_ZERO("v128.load32_zero", 0xFD, 0x5C, Immediates.MEMARG, ">v", 4),
    V128_LOAD64_ZERO("v128.load64_zero", 0xFD, 0x5D, Immediates.MEMARG, ">v", 8),
    F32X4_DEMOTE_F64X2_ZERO("f32x4.demote_f64x2_zero", 0xFD, 0x5E, Immediates.NONE, "v>v"),
    F64X2_PROMOTE_LOW_F32X4("f64x2.promote_low_f32x4", 0xFD, 0x5F, Immediates.NONE, "v>v"),
    I8X16_ABS("i8x16.abs", 0xFD, 0x60, Immediates.NONE, "v>v"),
    I8X16_NEG("i8x16.neg", 0xFD, 0x61, Immediates.NONE, "v>v"),
    I8X16_POPCNT("i8x16.popcnt", 0xFD, 0x62, Immediates.NONE, "v>v"),
    I8X16_ALL_TRUE("i8x16.all_true", 0xFD, 0x63, Immediates.NONE, "v>i"),
    I8X16_BITMASK("i8x16.bitmask", 0xFD, 0x64, Immediates.NONE, "v>i"),
    I8X16_NARROW_I16X8_S("i8x16.narrow_i16x8_s", 0xFD, 0x65, Immediates.NONE, "vv>v"),
    I8X16_NARROW_I16X8_U("i8x16.narrow_i16x8_u", 0xFD, 0x66, Immediates.NONE, "vv>v"),
    F32X4_CEIL("f32x4.ceil", 0xFD, 0x67, Immediates.NONE, "v>v"),
    F32X4_FLOOR("f32x4.floor", 0xFD, 0x68, Immediates.NONE, "v>v"),
    F32X4_TRUNC("f32x4.trunc", 0xFD, 0x69, Immediates.NONE, "v>v"),
    F32X4_NEAREST("f32x4.nearest", 0xFD, 0x6A, Immediates.NONE, "v>v"),
    I8X16_SHL("i8x16.shl", 0xFD, 0x6B, Immediates.NONE, "vi>v"),
    I8X16_SHR_S("i8x16.shr_s", 0xFD, 0x6C, Immediates.NONE, "vi>v"),
    I8X16_SHR_U("i8x16.shr_u", 0xFD, 0x6D, Immediates.NONE, "vi>v"),
    I8X16_ADD("i8x16.add", 0xFD, 0x6E, Immediates.NONE, "vv>v"),
    I8X16_ADD_SAT_S("i8x16.add_sat_s", 0xFD, 0x6F, Immediates.NONE, "vv>v"),
    I8X16_ADD_SAT_U("i8x16.add_sat_u", 0xFD, 0x70, Immediates.NONE, "vv>v"),
    I8X16_SUB("i8x16.sub", 0xFD, 0x71, Immediates.NONE, "vv>v"),
    I8X16_SUB_SAT_S("i8x16.sub_sat_s", 0xFD, 0x72, Immediates.NONE, "vv>v"),
    I8X16_SUB_SAT_U("i8x16.sub_sat_u", 0xFD, 0x73, Immediates.NONE, "vv>v"),
    F64X2_CEIL("f64x2.ceil", 0xFD, 0x74, Immediates.NONE, "v>v"),
    F64X2_FLOOR("f64x2.floor", 0xFD, 0x75, Immediates.NONE, "v>v"),
    I8X16_MIN_S("i8x16.min_s", 0xFD, 0x76, Immediates.NONE, "vv>v"),
    I8X16_MIN_U("i8x16.min_u", 0xFD, 0x77, Immediates.NONE, "vv>v"),
    I8X16_MAX_S("i8x16.max_s", 0xFD, 0x78, Immediates.NONE, "vv>v"),
    I8X16_MAX_U("i8x16.max_u", 0xFD, 0x79, Immediates.NONE, "vv>v"),
    F64X2_TRUNC("f64x2.trunc", 0xFD, 0x7A, Immediates.NONE, "v>v"),
    I8X16_AVGR_U("i8x16.avgr_u", 0xFD, 0x7B, Immediates.NONE, "vv>v"),
    I16X8_EXTADD_PAIRWISE_I8X16_S("i16x8.extadd_pairwise_i8x16_s", 0xFD, 0x7C, Immediates.NONE, "v>v"),
    I16X8_EXTADD_PAIRWISE_I8X16_U("i16x8.extadd_pairwise_i8x16_u", 0xFD, 0x7D, Immediates.NONE, "v>v"),
    I32X4_EXTADD_PAIRWISE_I16X8_S("i32x4.extadd_pairwise_i16x8_s", 0xFD, 0x7E, Immediates.NONE, "v>v"),
    I32X4_EXTADD_PAIRWISE_I16X8_U("i32x4.extadd_pairwise_i16x8_u", 0xFD, 0x7F, Immediates.NONE, "v>v"),
    I16X8_ABS("i16x8.abs", 0xFD, 0x80, Immediates.NONE, "v>v"),
    I16X8_NEG("i16x8.neg", 0xFD, 0x81, Immediates.NONE, "v>v"),
    I16X8_Q15MULR_SAT_S("i16x8.q15mulr_sat_s", 0xFD, 0x82, Immediates.NONE, "vv>v"),
    I16X8_ALL_TRUE("i16x8.all_true", 0xFD, 0x83, Immediates.NONE, "v>i"),
    I16X8_BITMASK("i16x8.bitmask", 0xFD, 0x84, Immediates.NONE, "v>i"),
    I16X8_NARROW_I32X4_S("i16x8.narrow_i32x4_s", 0xFD, 0x85, Immediates.NONE, "vv>v"),
    I16X8_NARROW_I32X4_U("i16x8.narrow_i32x4_u", 0xFD, 0x86, Immediates.NONE, "vv>v"),
    I16X8_EXTEND_LOW_I8X16_S("i16x8.extend_low_i8x16_s", 0xFD, 0x87, Immediates.NONE, "v>v"),
    I16X8_EXTEND_HIGH_I8X16_S("i16x8.extend_high_i8x16_s", 0xFD, 0x88, Immediates.NONE, "v>v"),
    I16X8_EXTEND_LOW_I8X16_U("i16x8.extend_low_i8x16_u", 0xFD, 0x89, Immediates.NONE, "v>v"),
    I16X8_EXTEND_HIGH_I8X16_U("i16x8.extend_high_i8x16_u", 0xFD, 0x8A, Immediates.NONE, "v>v"),
    I16X8_SHL("i16x8.shl", 0xFD, 0x8B, Immediates.NONE, "vi>v"),
    I16X8_SHR_S("i16x8.shr_s", 0xFD, 0x8C, Immediates.NONE, "vi>v"),
    I16X8_SHR_U("i16x8.shr_u", 0xFD, 0x8D, Immediates.NONE, "vi>v"),
    I16X8_ADD("i16x8.add", 0xFD, 0x8E, Immediates.NONE, "vv>v"),
    I16X8_ADD_SAT_S("i16x8.add_sat_s", 0xFD, 0x8F, Immediates.NONE, "vv>v"),
    I16X8_ADD_SAT_U("i16x8.add_sat_u", 0xFD, 0x90, Immediates.NONE, "vv>v"),
    I16X8_SUB("i16x8.sub", 0xFD, 0x91, Immediates.NONE, "vv>v"),
    I16X8_SUB_SAT_S("i16x8.sub_sat_s", 0xFD, 0x92, Immediates.NONE, "vv>v"),
    I16X8_SUB_SAT_U("i16x8.sub_sat_u", 0xFD, 0x93, Immediates.NONE, "vv>v"),
    F64X2_NEAREST("f64x2.nearest", 0xFD, 0x94, Immediates.NONE, "v>v"),
    I16X8_MUL("i16x8.mul", 0xFD, 0x95, Immediates.NONE, "vv>v"),
    I16X8_MIN_S("i16x8.min_s", 0xFD, 0x96, Immediates.NONE, "vv>v"),
    I16X8_MIN_U("i16x8.min_u", 0xFD, 0x97, Immediates.NONE, "vv>v"),
    I16X8_MAX_S("i16x8.max_s", 0xFD, 0x98, Immediates.NONE, "vv>v"),
    I16X8_MAX_U("i16x8.max_u", 0xFD, 0x99, Immediates.NONE, "vv>v"),
    I16X8_AVGR_U("i16x8.avgr_u", 0xFD, 0x9B, Immediates.NONE, "vv>v"),
    I16X8_EXTMUL_LOW_I8X16_S("i16x8.extmul_low_i8x16_s", 0xFD, 0x9C, Immediates.NONE, "vv>v"),
    I16X8_EXTMUL_HIGH_I8X16_S("i16x8.extmul_high_i8x16_s", 0xFD, 0x9D, Immediates.NONE, "vv>v"),
    I16X8_EXTMUL_LOW_I8X16_U("i16x8.extmul_low_i8x16_u", 0xFD, 0x9E, Immediates.NONE, "vv>v"),
    I16X8_EXTMUL_HIGH_I8X16_U("i16x8.extmul_high_i8x16_u", 0xFD, 0x9F, Immediates.NONE, "vv>v"),
    I32X4_ABS("i32x4.abs", 0xFD, 0xA0, Immediates.NONE, "v>v"),
    I32X4_NEG("i32x4.neg", 0xFD, 0xA1, Immediates.NONE, "v>v"),
    I32X4_ALL_TRUE("i32x4.all_true", 0xFD, 0xA3, Immediates.NONE, "v>i"),
    I32X4_BITMASK("i32x4.bitmask", 0xFD, 0xA4, Immediates.NONE, "v>i"),
    I32X4_EXTEND_LOW_I16X8_S("i32x4.extend_low_i16x8_s", 0xFD, 0xA7, Immediates.NONE, "v>v"),
    I32X4_EXTEND_HIGH_I16X8_S("i32x4.extend_high_i16x8_s", 0xFD, 0xA8, Immediates.NONE, "v>v"),
    I32X4_EXTEND_LOW_I16X8_U("i32x4.extend_low_i16x8_u", 0xFD, 0xA9, Immediates.NONE, "v>v"),
    I32X4_EXTEND_HIGH_I16X8_U("i32x4.extend_high_i16x8_u", 0xFD, 0xAA, Immediates.NONE, "v>v"),
    I32X4_SHL("i32x4.shl", 0xFD, 0xAB, Immediates.NONE, "vi>v"),
    I32X4_SHR_S("i32x4.shr_s", 0xFD, 0xAC, Immediates.NONE, "vi>v"),
    I32X4_SHR_U("i32x4.shr_u", 0xFD, 0xAD, Immediates.NONE, "vi>v"),
    I32X4_ADD("i32x4.add", 0xFD, 0xAE, Immediates.NONE, "vv>v"),
    I32X4_SUB("i32x4.sub", 0xFD, 0xB1, Immediates.NONE, "vv>v"),
    I32X4_MUL("i32x4.mul", 0xFD, 0xB5, Immediates.NONE, "vv>v"),
    I32X4_MIN_S("i32x4.min_s", 0xFD, 0xB6, Immediates.NONE, "vv>v"),
    I32X4_MIN_U("i32x4.min_u", 0xFD, 0xB7, Immediates.NONE, "vv>v"),
    I32X4_MAX_S("i32x4.max_s", 0xFD, 0xB8, Immediates.NONE, "vv>v"),
    I32X4_MAX_U("i32x4.max_u", 0xFD, 0xB9, Immediates.NONE, "vv>v"),
    I32X4_DOT_I16X8_S("i32x4.dot_i16x8_s", 0xFD, 0xBA, Immediates.NONE, "vv>v"),
    I32X4_EXTMUL_LOW_I16X8_S("i32x4.extmul_low_i16x8_s", 0xFD, 0xBC, Immediates.NONE, "vv>v"),
    I32X4_EXTMUL_HIGH_I16X8_S("i32x4.extmul_high_i16x8_s", 0xFD, 0xBD, Immediates.NONE, "vv>v"),
    I32X4_EXTMUL_LOW_I16X8_U("i32x4.extmul_low_i16x8_u", 0xFD, 0xBE, Immediates.NONE, "vv>v"),
    I32X4_EXTMUL_HIGH_I16X8_U("i32x4.extmul_high_i16x8_u", 0xFD, 0xBF, Immediates.NONE, "vv>v"),
    I64X2_ABS("i64x2.abs", 0xFD, 0xC0, Immediates.NONE, "v>v"),
    I64X2_NEG("i64x2.neg", 0xFD, 0xC1, Immediates.NONE, "v>v"),
    I64X2_ALL_TRUE("i64x2.all_true", 0xFD, 0xC3, Immediates.NONE, "v>i"),
    I64X2_BITMASK("i64x2.bitmask", 0xFD, 0xC4, Immediates.NONE, "v>i"),
    I64X2_EXTEND_LOW_I32X4_S("i64x2.extend_low_i32x4_s", 0xFD, 0xC7, Immediates.NONE, "v>v"),
    I64X2_EXTEND_HIGH_I32X4_S("i64x2.extend_high_i32x4_s", 0xFD, 0xC8, Immediates.NONE, "v>v"),
    I64X2_EXTEND_LOW_I32X4_U("i64x2.extend_low_i32x4_u", 0xFD, 0xC9, Immediates.NONE, "v>v"),
    I64X2_EXTEND_HIGH_I32X4_U("i64x2.extend_high_i32x4_u", 0xFD, 0xCA, Immediates.NONE, "v>v"),
    I64X2_SHL("i64x2.shl", 0xFD, 0xCB, Immediates.NONE, "vi>v"),
    I64X2_SHR_S("i64x2.shr_s", 0xFD, 0xCC, Immediates.NONE, "vi>v"),
    I64X2_SHR_U("i64x2.shr_u", 0xFD, 0xCD, Immediates.NONE, "vi>v"),
    I64X2_ADD("i64x2.add", 0xFD, 0xCE, Immediates.NONE, "vv>v"),
    I64X2_SUB("i64x2.sub", 0xFD, 0xD1, Immediates.NONE, "vv>v"),
    I64X2_MUL("i64x2.mul", 0xFD, 0xD5, Immediates.NONE, "vv>v"),
    I64X2_EQ("i64x2.eq", 0xFD, 0xD6, Immediates.NONE, "vv>v"),
    I64X2_NE("i64x2.ne", 0xFD, 0xD7, Immediates.NONE, "vv>v"),
    I64X2_LT_S("i64x2.lt_s", 0xFD, 0xD8, Immediates.NONE, "vv>v"),
    I64X2_GT_S("i64x2.gt_s", 0xFD, 0xD9, Immediates.NONE, "vv>v"),
    I64X2_LE_S("i64x2.le_s", 0xFD, 0xDA, Immediates.NONE, "vv>v"),
    I64X2_GE_S("i64x2.ge_s", 0xFD, 0xDB, Immediates.NONE, "vv>v"),
    I64X2_EXTMUL_LOW_I32X4_S("i64x2.extmul_low_i32x4_s", 0xFD, 0xDC, Immediates.NONE, "vv>v"),
    I64X2_EXTMUL_HIGH_I32X4_S("i64x2.extmul_high_i32x4_s", 0xFD, 0xDD, Immediates.NONE, "vv>v"),
    I64X2_EXTMUL_LOW_I32X4_U("i64x2.extmul_low_i32x4_u", 0xFD, 0xDE, Immediates.NONE, "vv>v"),
    I64X2_EXTMUL_HIGH_I32X4_U("i64x2.extmul_high_i32x4_u", 0xFD, 0xDF, Immediates.NONE, "vv>v"),
    F32X4_ABS("f32x4.abs", 0xFD, 0xE0, Immediates.NONE, "v>v"),
    F32X4_NEG("f32x4.neg", 0xFD, 0xE1, Immediates.NONE, "v>v"),
    F32X4_SQRT("f32x4.sqrt", 0xFD, 0xE3, Immediates.NONE, "v>v"),
    F32X4_ADD("f32x4.add", 0xFD, 0xE4, Immediates.NONE, "vv>v"),
    F32X4_SUB("f32x4.sub", 0xFD, 0xE5, Immediates.NONE, "vv>v"),
    F32X4_MUL("f32x4.mul", 0xFD, 0xE6, Immediates.NONE, "vv>v"),
    F32X4_DIV("f32x4.div", 0xFD, 0xE7, Immediates.NONE, "vv>v"),
    F32X4_MIN("f32x4.min", 0xFD, 0xE8, Immediates.NONE, "vv>v"),
    F32X4_MAX("f32x4.max", 0xFD, 0xE9, Immediates.NONE, "vv>v"),
    F32X4_PMIN("f32x4.pmin", 0xFD, 0xEA, Immediates.NONE, "vv>v"),
    F32X4_PMAX("f32x4.pmax", 0xFD, 0xEB, Immediates.NONE, "vv>v"),
    F64X2_ABS("f64x2.abs", 0xFD, 0xEC, Immediates.NONE, "v>v"),
    F64X2_NEG("f64x2.neg", 0xFD, 0xED, Immediates.NONE, "v>v"),
    F64X2_SQRT("f64x2.sqrt", 0xFD, 0xEF, Immediates.NONE, "v>v"),
    F64X2_ADD("f64x2.add", 0xFD, 0xF0, Immediates.NONE, "vv>v"),
    F64X2_SUB("f64x2.sub", 0xFD, 0xF1, Immediates.NONE, "vv>v"),
    F64X2_MUL("f64x2.mul", 0xFD, 0xF2, Immediates.NONE, "vv>v"),
    F64X2_DIV("f64x2.div", 0xFD, 0xF3, Immediates.NONE, "vv>v"),
    F64X2_MIN("f64x2.min", 0xFD, 0xF4, Immediates.NONE, "vv>v"),
    F64X2_MAX("f64x2.max", 0xFD, 0xF5, Immediates.NONE, "vv>v"),
    F64X2_PMIN("f64x2.pmin", 0xFD, 0xF6, Immediates.NONE, "vv>v"),
    F64X2_PMAX("f64x2.pmax", 0xFD, 0xF7, Immediates.NONE, "vv>v"),
    I32X4_TRUNC_SAT_F32X4_S("i32x4.trunc_sat_f32x4_s", 0xFD, 0xF8, Immediates.NONE, "v>v"),
    I32X4_TRUNC_SAT_F32X4_U("i32x4.trunc_sat_f32x4_u", 0xFD, 0xF9, Immediates.NONE, "v>v"),
    F32X4_CONVERT_I32X4_S("f32x4.convert_i32x4_s", 0xFD, 0xFA, Immediates.NONE, "v>v"),
    F32X4_CONVERT_I32X4_U("f32x4.convert_i32x4_u", 0xFD, 0xFB, Immediates.NONE, "v>v"),
    I32X4_TRUNC_SAT_F64X2_S_ZERO("i32x4.trunc_sat_f64x2_s_zero", 0xFD, 0xFC, Immediates.NONE, "v>v"),
    I32X4_TRUNC_SAT_F64X2_U_ZERO("i32x4.trunc_sat_f64x2_u_zero", 0xFD, 0xFD, Immediates.NONE, "v>v"),
    F64X2_CONVERT_LOW_I32X4_S("f64x2.convert_low_i32x4_s", 0xFD, 0xFE, Immediates.NONE, "v>v"),
    F64X2_CONVERT_LOW_I32X4_U("f64x2.convert_low_i32x4_u", 0xFD, 0xFF, Immediates.NONE, "v>v"),
    I8X16_RELAXED_SWIZZLE("i8x16.relaxed_swizzle", 0xFD, 0x100, Immediates.NONE, "vv>v"),
    I32X4_RELAXED_TRUNC_F32X4_S("i32x4.relaxed_trunc_f32x4_s", 0xFD, 0x101, Immediates.NONE, "v>v"),
    I32X4_RELAXED_TRUNC_F32X4_U("i32x4.relaxed_trunc_f32x4_u", 0xFD, 0x102, Immediates.NONE, "v>v"),
    I32X4_RELAXED_TRUNC_F64X2_S_ZERO("i32x4.relaxed_trunc_f64x2_s_zero", 0xFD, 0x103, Immediates.NONE, "v>v"),
    I32X4_RELAXED_TRUNC_F64X2_U_ZERO("i32x4.relaxed_trunc_f64x2_u_zero", 0xFD, 0x104, Immediates.NONE, "v>v"),
    F32X4_RELAXED_MADD("f32x4.relaxed_madd", 0xFD, 0x105, Immediates.NONE, "vvv>v"),
    F32X4_RELAXED_NMADD("f32x4.relaxed_nmadd", 0xFD, 0x106, Immediates.NONE, "vvv>v"),
    F64X2_RELAXED_MADD("f64x2.relaxed_madd", 0xFD, 0x107, Immediates.NONE, "vvv>v"),
    F64X2_RELAXED_NMADD("f64x2.relaxed_nmadd", 0xFD, 0x108, Immediates.NONE, "vvv>v"),
    I8X16_RELAXED_LANESELECT("i8x16.relaxed_laneselect", 0xFD, 0x109, Immediates.NONE, "vvv>v"),
    I16X8_RELAXED_LANESELECT("i16x8.relaxed_laneselect", 0xFD, 0x10A, Immediates.NONE, "vvv>v"),
    I32X4_RELAXED_LANESELECT("i32x4.relaxed_laneselect", 0xFD, 0x10B, Immediates.NONE, "vvv>v"),
    I64X2_RELAXED_LANESELECT("i64x2.relaxed_laneselect", 0xFD, 0x10C, Immediates.NONE, "vvv>v"),
    F32X4_RELAXED_MIN("f32x4.relaxed_min", 0xFD, 0x10D, Immediates.NONE, "vv>v"),
    F32X4_RELAXED_MAX("f32x4.relaxed_max", 0xFD, 0x10E, Immediates.NONE, "vv>v"),
    F64X2_RELAXED_MIN("f64x2.relaxed_min", 0xFD, 0x10F, Immediates.NONE, "vv>v"),
    F64X2_RELAXED_MAX("f64x2.relaxed_max", 0xFD, 0x110, Immediates.NONE, "vv>v"),
    I16X8_RELAXED_Q15MULR_S("i16x8.relaxed_q15mulr_s", 0xFD, 0x111, Immediates.NONE, "vv>v"),
    I16X8_RELAXED_DOT_I8X16_I7X16_S("i16x8.relaxed_dot_i8x16_i7x16_s", 0xFD, 0x112, Immediates.NONE, "vv>v"),
    I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S("i32x4.relaxed_dot_i8x16_i7x16_add_s", 0xFD, 0x113, Immediates.NONE, "vvv>v"),
    MEMORY_ATOMIC_NOTIFY("memory.atomic.notify", 0xFE, 0x0, Immediates.MEMARG, "i>i", 4),
    MEMORY_ATOMIC_WAIT32("memory.atomic.wait32", 0xFE, 0x1, Immediates.MEMARG, "iI>i", 4),
    MEMORY_ATOMIC_WAIT64("memory.atomic.wait64", 0xFE, 0x2, Immediates.MEMARG, "II>i", 8),
    ATOMIC_FENCE("atomic.fence", 0xFE, 0x3, Immediates.ATOMIC_FENCE),
    I32_ATOMIC_LOAD("i32.atomic.load", 0xFE, 0x10, Immediates.MEMARG, ">i", 4),
    I64_ATOMIC_LOAD("i64.atomic.load", 0xFE, 0x11, Immediates.MEMARG, ">I", 8),
    I32_ATOMIC_LOAD8_U("i32.atomic.load8_u", 0xFE, 0x12, Immediates.MEMARG, ">i", 1),
    I32_ATOMIC_LOAD16_U("i32.atomic.load16_u", 0xFE, 0x13, Immediates.MEMARG, ">i", 2),
    I64_ATOMIC_LOAD8_U("i64.atomic.load8_u", 0xFE, 0x14, Immediates.MEMARG, ">I", 1),
    I64_ATOMIC_LOAD16_U("i64.atomic.load16_u", 0xFE, 0x15, Immediates.MEMARG, ">I", 2),
    I64_ATOMIC_LOAD32_U("i64.atomic.load32_u", 0xFE, 0x16, Immediates.MEMARG, ">I", 4),
    I32_ATOMIC_STORE("i32.atomic.store", 0xFE, 0x17, Immediates.MEMARG, "i>", 4),
    I64_ATOMIC_STORE("i64.atomic.store", 0xFE, 0x18, Immediates.MEMARG, "I>", 8),
    I32_ATOMIC_STORE8("i32.atomic.store8", 0xFE, 0x19, Immediates.MEMARG, "i>", 1),
    I32_ATOMIC_STORE16("i32.atomic.store16", 0xFE, 0x1A, Immediates.MEMARG, "i>", 2),
    I64_ATOMIC_STORE8("i64.atomic.store8", 0xFE, 0x1B, Immediates.MEMARG, "I>", 1),
    I64_ATOMIC_STORE16("i64.atomic.store16", 0xFE, 0x1C, Immediates.MEMARG, "I>", 2),
    I64_ATOMIC_STORE32("i64.atomic.store32", 0xFE, 0x1D, Immediates.MEMARG, "I>", 4),
    I32_ATOMIC_RMW_ADD("i32.atomic.rmw.add", 0xFE, 0x1E, Immediates.MEMARG, "i>i", 4),
    I64_ATOMIC_RMW_ADD("i64.atomic.rmw.add", 0xFE, 0x1F, Immediates.MEMARG, "I>I", 8),
    I32_ATOMIC_RMW8_ADD_U("i32.atomic.rmw8.add_u", 0xFE, 0x20, Immediates.MEMARG, "i>i", 1),
    I32_ATOMIC_RMW16_ADD_U("i32.atomic.rmw16.add_u", 0xFE, 0x21, Immediates.MEMARG, "i>i", 2),
    I64_ATOMIC_RMW8_ADD_U("i64.atomic.rmw8.add_u", 0xFE, 0x22, Immediates.MEMARG, "I>I", 1),
    I64_ATOMIC_RMW16_ADD_U("i64.atomic.rmw16.add_u", 0xFE, 0x23, Immediates.MEMARG, "I>I", 2),
    I64_ATOMIC_RMW32_ADD_U("i64.atomic.rmw32.add_u", 0xFE, 0x24, Immediates.MEMARG, "I>I", 4),
    I32_ATOMIC_RMW_SUB("i32.atomic.rmw.sub", 0xFE, 0x25, Immediates.MEMARG, "i>i", 4),
    I64_ATOMIC_RMW_SUB("i64.atomic.rmw.sub", 0xFE, 0x26, Immediates.MEMARG, "I>I", 8),
    I32_ATOMIC_RMW8_SUB_U("i32.atomic.rmw8.sub_u", 0xFE, 0x27, Immediates.MEMARG, "i>i", 1),
    I32_ATOMIC_RMW16_SUB_U("i32.atomic.rmw16.sub_u", 0xFE, 0x28, Immediates.MEMARG, "i>i", 2),
    I64_ATOMIC_RMW8_SUB_U("i64.atomic.rmw8.sub_u", 0xFE, 0x29, Immediates.MEMARG, "I>I", 1),
    I64_ATOMIC_RMW16_SUB_U("i64.atomic.rmw16.sub_u", 0xFE, 0x2A, Immediates.MEMARG, "I>I", 2),
    I64_ATOMIC_RMW32_SUB_U("i64.atomic.rmw32.sub_u", 0xFE, 0x2B, Immediates.MEMARG, "I>I", 4),
    I32_ATOMIC_RMW_AND("i32.atomic.rmw.and", 0xFE, 0x2C, Immediates.MEMARG, "i>i", 4),
    I64_ATOMIC_RMW_AND("i64.atomic.rmw.and", 0xFE, 0x2D, Immediates.MEMARG, "I>I", 8),
    I32_ATOMIC_RMW8_AND_U("i32.atomic.rmw8.and_u", 0xFE, 0x2E, Immediates.MEMARG, "i>i", 1),
    I32_ATOMIC_RMW16_AND_U("i32.atomic.rmw16.and_u", 0xFE, 0x2F, Immediates.MEMARG, "i>i", 2),
    I64_ATOMIC_RMW8_AND_U("i64.atomic.rmw8.and_u", 0xFE, 0x30, Immediates.MEMARG, "I>I", 1),
    I64_ATOMIC_RMW16_AND_U("i64.atomic.rmw16.and_u", 0xFE, 0x31, Immediates.MEMARG, "I>I", 2),
    I64_ATOMIC_RMW32_AND_U("i64.atomic.rmw32.and_u", 0xFE, 0x32, Immediates.MEMARG, "I>I", 4),
    I32_ATOMIC_RMW_OR("i32.atomic.rmw.or", 0xFE, 0x33, Immediates.MEMARG, "i>i", 4),
    I64_ATOMIC_RMW_OR("i64.atomic.rmw.or", 0xFE, 0x34, Immediates.MEMARG, "I>I", 8),
    I32_ATOMIC_RMW8_OR_U("i32.atomic.rmw8.or_u", 0xFE, 0x35, Immediates.MEMARG, "i>i", 1),
    I32_ATOMIC_RMW16_OR_U("i32.atomic.rmw16.or_u", 0xFE, 0x36, Immediates.MEMARG, "i>i", 2),
    I64_ATOMIC_RMW8_OR_U("i64.atomic.rmw8.or_u", 0xFE, 0x37, Immediates.MEMARG, "I>I", 1),
    I64_ATOMIC_RMW16_OR_U("i64.atomic.rmw16.or_u", 0xFE, 0x38, Immediates.MEMARG, "I>I", 2),
    I64_ATOMIC_RMW32_OR_U("i64.atomic.rmw32.or_u", 0xFE, 0x39, Immediates.MEMARG, "I>I", 4),
    I32_ATOMIC_RMW_XOR("i32.atomic.rmw.xor", 0xFE, 0x3A, Immediates.MEMARG, "i>i", 4),
    I64_ATOMIC_RMW_XOR("i64.atomic.rmw.xor", 0xFE, 0x3B, Immediates.MEMARG, "I>I", 8),
    I32_ATOMIC_RMW8_XOR_U("i32.atomic.rmw8.xor_u", 0xFE, 0x3C, Immediates.MEMARG, "i>i", 1),
    I32_ATOMIC_RMW16_XOR_U("i32.atomic.rmw16.xor_u", 0xFE, 0x3D, Immediates.MEMARG, "i>i", 2),
    I64_ATOMIC_RMW8_XOR_U("i64.atomic.rmw8.xor_u", 0xFE, 0x3E, Immediates.MEMARG, "I>I", 1),
    I64_ATOMIC_RMW16_XOR_U("i64.atomic.rmw16.xor_u", 0xFE, 0x3F, Immediates.MEMARG, "I>I", 2),
    I64_ATOMIC_RMW32_XOR_U("i64.atomic.rmw32.xor_u", 0xFE, 0x40, Immediates.MEMARG, "I>I", 4),
    I32_ATOMIC_RMW_XCHG("i32.atomic.rmw.xchg", 0xFE, 0x41, Immediates.MEMARG, "i>i", 4),
    I64_ATOMIC_RMW_XCHG("i64.atomic.rmw.xchg", 0xFE, 0x42, Immediates.MEMARG, "I>I", 8),
    I32_ATOMIC_RMW8_XCHG_U("i32.atomic.rmw8.xchg_u", 0xFE, 0x43, Immediates.MEMARG, "i>i", 1),
    I32_ATOMIC_RMW16_XCHG_U("i32.atomic.rmw16.xchg_u", 0xFE, 0x44, Immediates.MEMARG, "i>i", 2),
    I64_ATOMIC_RMW8_XCHG_U("i64.atomic.rmw8.xchg_u", 0xFE, 0x45, Immediates.MEMARG, "I>I", 1),
    I64_ATOMIC_RMW16_XCHG_U("i64.atomic.rmw16.xchg_u", 0xFE, 0x46, Immediates.MEMARG, "I>I", 2),
    I64_ATOMIC_RMW32_XCHG_U("i64.atomic.rmw32.xchg_u", 0xFE, 0x47, Immediates.MEMARG, "I>I", 4),
    I32_ATOMIC_RMW_CMPXCHG("i32.atomic.rmw.cmpxchg", 0xFE, 0x48, Immediates.MEMARG, "ii>i", 4),
    I64_ATOMIC_RMW_CMPXCHG("i64.atomic.rmw.cmpxchg", 0xFE, 0x49, Immediates.MEMARG, "II>I", 8),
    I32_ATOMIC_RMW8_CMPXCHG_U("i32.atomic.rmw8.cmpxchg_u", 0xFE, 0x4A, Immediates.MEMARG, "ii>i", 1),
    I32_ATOMIC_RMW16_CMPXCHG_U("i32.atomic.rmw16.cmpxchg_u", 0xFE, 0x4B, Immediates.MEMARG, "ii>i", 2),
    I64_ATOMIC_RMW8_CMPXCHG_U("i64.atomic.rmw8.cmpxchg_u", 0xFE, 0x4C, Immediates.MEMARG, "II>I", 1),
    I64_ATOMIC_RMW16_CMPXCHG_U("i64.atomic.rmw16.cmpxchg_u", 0xFE, 0x4D, Immediates.MEMARG, "II>I", 2),
    I64_ATOMIC_RMW32_CMPXCHG_U("i64.atomic.rmw32.cmpxchg_u", 0xFE, 0x4E, Immediates.MEMARG, "II>I", 4);

    /** Prefix byte of the GC proposal's instructions. */
    public static final int GC_PREFIX = 0xFB;
    /** Prefix byte of saturating truncation, bulk memory and table instructions. */
    public static final int MISC_PREFIX = 0xFC;
    /** Prefix byte of SIMD and relaxed SIMD instructions. */
    public static final int SIMD_PREFIX = 0xFD;
    /** Prefix byte of the threads proposal's atomic instructions. */
    public static final int ATOMIC_PREFIX = 0xFE;

    private static final Opcode[] PLAIN = new Opcode[256];
    private static final Opcode[] GC = new Opcode[0x27];
    private static final Opcode[] MISC = new Opcode[32];
    private static final Opcode[] SIMD = new Opcode[0x120];
    private static final Opcode[] ATOMIC = new Opcode[0x50];
    private static final Map<String, Opcode> BY_MNEMONIC;

    static {
        var byMnemonic = new HashMap<String, Opcode>();
        for (Opcode op : values()) {
            table(op.prefix)[op.code] = op;
            byMnemonic.putIfAbsent(op.mnemonic, op);
        }
        BY_MNEMONIC = Map.copyOf(byMnemonic);
    }

    private final String mnemonic;
    private final int prefix;
    private final int code;
    private final Immediates immediates;
    private final List<ValType> operands;
    private final List<ValType> results;
    private final int accessBytes;

    Opcode(String mnemonic, int prefix, int code, Immediates immediates) {
        this(mnemonic, prefix, code, immediates, null, 0);
    }

    Opcode(String mnemonic, int prefix, int code, Immediates immediates, String signature) {
        this(mnemonic, prefix, code, immediates, signature, 0);
    }

    /**
     * @param signature operand letters, '>', result letters; null when the signature depends on
     *     immediates or context (see {@link #hasFixedSignature()})
     */
    Opcode(String mnemonic, int prefix, int code, Immediates immediates, String signature, int accessBytes) {
        this.mnemonic = mnemonic;
        this.prefix = prefix;
        this.code = code;
        this.immediates = immediates;
        this.accessBytes = accessBytes;
        if (signature == null) {
            this.operands = null;
            this.results = null;
        } else {
            int arrow = signature.indexOf('>');
            this.operands = parseTypes(signature.substring(0, arrow));
            this.results = parseTypes(signature.substring(arrow + 1));
        }
    }

    // Letters of the compact signatures above: numbers and vectors, plus the few reference types
    // that fixed-signature GC operators use.
    private static List<ValType> parseTypes(String letters) {
        var types = new ArrayList<ValType>(letters.length());
        for (int i = 0; i < letters.length(); i++) {
            types.add(
                    switch (letters.charAt(i)) {
                        case 'i' -> ValType.I32;
                        case 'I' -> ValType.I64;
                        case 'f' -> ValType.F32;
                        case 'F' -> ValType.F64;
                        case 'v' -> ValType.V128;
                        case 'e' -> RefType.EQREF;
                        case 'a' -> RefType.ARRAYREF;
                        case 'j' -> RefType.of(HeapType.Abstract.I31);
                        case 'J' -> RefType.I31REF;
                        default -> throw new IllegalArgumentException("bad signature letter in " + letters);
                    });
        }
        return List.copyOf(types);
    }

    private static Opcode[] table(int prefix) {
        return switch (prefix) {
            case 0 -> PLAIN;
            case GC_PREFIX -> GC;
            case MISC_PREFIX -> MISC;
            case SIMD_PREFIX -> SIMD;
            case ATOMIC_PREFIX -> ATOMIC;
            default -> null;
        };
    }

    /**
     * The opcode with this prefix (0 for none) and code, or null if there is none. For prefix 0,
     * {@code code} is the opcode byte; a prefix byte itself is not an opcode.
     */
    public static Opcode forCode(int prefix, long code) {
        Opcode[] table = table(prefix);
        if (table == null || code < 0 || code >= table.length) {
            return null;
        }
        return table[(int) code];
    }

    /** Whether {@code b} is one of the four prefix bytes that introduce a u32 sub-opcode. */
    public static boolean isPrefix(int b) {
        return b == GC_PREFIX || b == MISC_PREFIX || b == SIMD_PREFIX || b == ATOMIC_PREFIX;
    }

    /** The opcode written with this text mnemonic, or null (see the class note on variants). */
    public static Opcode forMnemonic(String mnemonic) {
        return BY_MNEMONIC.get(mnemonic);
    }

    /** The text format name, e.g. {@code "i32.add"}. */
    public String mnemonic() {
        return mnemonic;
    }

    /** The prefix byte, or 0 for a single-byte opcode. */
    public int prefix() {
        return prefix;
    }

    /** The opcode byte (prefix 0) or the u32 sub-opcode after the prefix. */
    public int code() {
        return code;
    }

    public Immediates immediates() {
        return immediates;
    }

    /** Whether {@link #operands()} and {@link #results()} describe this instruction's type. */
    public boolean hasFixedSignature() {
        return operands != null;
    }

    /**
     * Operand types, bottom of the stack first, for fixed-signature operators (memory
     * instructions: after the address); empty list otherwise — check {@link #hasFixedSignature()}.
     */
    public List<ValType> operands() {
        return operands == null ? List.of() : operands;
    }

    /** Result types for fixed-signature operators; empty list otherwise. */
    public List<ValType> results() {
        return results == null ? List.of() : results;
    }

    /** Bytes a memory access touches (its natural alignment), or 0 if this does not access memory by memarg. */
    public int accessBytes() {
        return accessBytes;
    }

    /** Whether this is one of the threads proposal's atomic instructions. */
    public boolean isAtomic() {
        return prefix == ATOMIC_PREFIX;
    }

    @Override
    public String toString() {
        return mnemonic;
    }
}
