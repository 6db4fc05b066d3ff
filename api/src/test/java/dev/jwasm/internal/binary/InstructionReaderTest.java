package dev.jwasm.internal.binary;

import static dev.jwasm.internal.binary.Bin.b;
import static dev.jwasm.internal.binary.Bin.cat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwasm.api.Features;
import dev.jwasm.api.MalformedModuleException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

// Encodings from spec 5.4 and the proposals' binary sections; expected events written by hand.
class InstructionReaderTest {
    private static List<String> read(byte[] code) {
        var visitor = new RecordingVisitor();
        var reader = new InstructionReader(ByteBuffer.wrap(code), Features.defaults());
        int end = reader.readExpression(0, visitor);
        assertEquals(code.length, end, "the expression ends at its final end");
        return visitor.events;
    }

    private static String malformed(byte[] code) {
        var reader = new InstructionReader(ByteBuffer.wrap(code), Features.defaults());
        return assertThrows(MalformedModuleException.class, () -> reader.readExpression(0, new NoOpVisitor()))
                .reason();
    }

    @Test
    void controlAndBlockTypes() {
        assertEquals(
                List.of(
                        "visitBlock block Empty[]",
                        "visitBlock loop Value[result=i32]",
                        "visitBlock if TypeIndex[typeIndex=3]",
                        "visitSimple else",
                        "visitSimple end",
                        "visitSimple end",
                        "visitLabel br 1",
                        "visitSimple end",
                        "visitSimple end"),
                read(b(0x02, 0x40, 0x03, 0x7F, 0x04, 0x03, 0x05, 0x0B, 0x0B, 0x0C, 0x01, 0x0B, 0x0B)));
    }

    @Test
    void branchTablesAndCalls() {
        assertEquals(
                List.of(
                        "visitBrTable [0, 2] 1",
                        "visitFunction call 300",
                        "visitCallIndirect call_indirect 2 1",
                        "visitType return_call_ref 4",
                        "visitSimple end"),
                read(b(0x0E, 2, 0, 2, 1, 0x10, 0xAC, 0x02, 0x11, 2, 1, 0x15, 4, 0x0B)));
    }

    @Test
    void variablesAndConstants() {
        assertEquals(
                List.of(
                        "visitLocal local.tee 1",
                        "visitGlobal global.set 2",
                        "visitI32Const -1",
                        "visitI64Const 128",
                        "visitF32Const 1065353216",
                        "visitF64Const -9223372036854775808",
                        "visitSimple i32.add",
                        "visitSimple end"),
                read(cat(
                        b(0x22, 1, 0x24, 2, 0x41, 0x7F, 0x42, 0x80, 0x01),
                        b(0x43, 0, 0, 0x80, 0x3F),
                        b(0x44, 0, 0, 0, 0, 0, 0, 0, 0x80),
                        b(0x6A, 0x0B))));
    }

    @Test
    void memoryInstructions() {
        assertEquals(
                List.of(
                        "visitMemory i32.load 0 2 16",
                        "visitMemory i64.store 3 3 0",
                        "visitMemoryIndex memory.grow 1",
                        "visitMemoryCopy 1 0",
                        "visitMemoryInit 5 0",
                        "visitData data.drop 5",
                        "visitMemory i32.atomic.rmw.add 0 2 0",
                        "visitSimple atomic.fence",
                        "visitSimple end"),
                read(b(
                        0x28, 0x02, 0x10, // align 2^2, offset 16
                        0x37, 0x43, 0x03, 0x00, // bit 6: memory index 3 follows, align 2^3
                        0x40, 0x01, 0xFC, 10, 1, 0, 0xFC, 8, 5, 0, 0xFC, 9, 5, 0xFE, 0x1E, 0x02, 0x00, 0xFE, 0x03, 0x00,
                        0x0B)));
        assertEquals("malformed memop flags", malformed(b(0x28, 0x80, 0x01, 0x00, 0x0B)));
        assertEquals("zero byte expected", malformed(b(0xFE, 0x03, 0x01, 0x0B)));
    }

    @Test
    void tableAndReferenceInstructions() {
        assertEquals(
                List.of(
                        "visitTable table.get 1",
                        "visitTableCopy 2 3",
                        "visitTableInit 4 1",
                        "visitElem elem.drop 4",
                        "visitHeapType ref.null extern",
                        "visitFunction ref.func 7",
                        "visitLabel br_on_null 0",
                        "visitSimple end"),
                read(b(0x25, 1, 0xFC, 14, 2, 3, 0xFC, 12, 4, 1, 0xFC, 13, 4, 0xD0, 0x6F, 0xD2, 7, 0xD5, 0, 0x0B)));
    }

    @Test
    void simdInstructions() {
        assertEquals(
                List.of(
                        "visitV128Const 1 -1",
                        "visitShuffle [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]",
                        "visitLane i32x4.extract_lane 3",
                        "visitMemoryLane v128.load8_lane 0 0 4 15",
                        "visitSimple f64x2.relaxed_max",
                        "visitSimple end"),
                read(cat(
                        b(0xFD, 12, 1, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF),
                        b(0xFD, 13, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15),
                        b(0xFD, 27, 3),
                        b(0xFD, 84, 0, 4, 15),
                        b(0xFD, 0x90, 0x02), // 0x110 as a LEB128 u32
                        b(0x0B))));
    }

    @Test
    void gcInstructions() {
        assertEquals(
                List.of(
                        "visitType struct.new 1",
                        "visitField struct.get_s 1 2",
                        "visitArrayNewFixed 3 4",
                        "visitArrayCopy 3 5",
                        "visitArrayData array.new_data 3 0",
                        "visitArrayElem array.init_elem 3 1",
                        "visitRefType ref.test (ref i31)",
                        "visitRefType ref.cast (ref null 6)",
                        "visitBrOnCast br_on_cast 0 (ref null any) (ref eq)",
                        "visitSimple ref.i31",
                        "visitSimple end"),
                read(b(
                        0xFB, 0, 1, 0xFB, 3, 1, 2, 0xFB, 8, 3, 4, 0xFB, 17, 3, 5, 0xFB, 9, 3, 0, 0xFB, 19, 3, 1, 0xFB,
                        20, 0x6C, 0xFB, 23, 6, 0xFB, 24, 0x01, 0, 0x6E, 0x6D, 0xFB, 28, 0x0B)));
        assertEquals("malformed br_on_cast flags", malformed(b(0xFB, 24, 0x04, 0, 0x6E, 0x6D, 0x0B)));
    }

    @Test
    void exceptionInstructions() {
        assertEquals(
                List.of(
                        "visitTryTable Value[result=i32] [Catch[kind=catch, tag=0, label=1], Catch[kind=catch_all_ref, tag=-1, label=0]]",
                        "visitTag throw 0",
                        "visitSimple end",
                        "visitBlock try Empty[]",
                        "visitTag catch 0",
                        "visitSimple catch_all",
                        "visitSimple end",
                        "visitBlock try Empty[]",
                        "visitLabel delegate 0",
                        "visitSimple throw_ref",
                        "visitSimple end"),
                read(b(
                        0x1F, 0x7F, 2, 0, 0, 1, 3, 0, 0x08, 0, 0x0B, 0x06, 0x40, 0x07, 0, 0x19, 0x0B, 0x06, 0x40, 0x18,
                        0, 0x0A, 0x0B)));
    }

    @Test
    void typedSelect() {
        assertEquals(
                List.of("visitSelect [i32, (ref null func)]", "visitSimple end"), read(b(0x1C, 2, 0x7F, 0x70, 0x0B)));
    }

    @Test
    void structureIsChecked() {
        assertEquals("END opcode expected", malformed(b(0x05, 0x0B)), "else outside if");
        assertEquals("END opcode expected", malformed(b(0x02, 0x40, 0x05, 0x0B, 0x0B)), "else in a block");
        assertEquals("END opcode expected", malformed(b(0x04, 0x40, 0x05, 0x05, 0x0B, 0x0B)), "two elses");
        assertEquals("END opcode expected", malformed(b(0x07, 0, 0x0B)), "catch outside try");
        assertEquals(
                "END opcode expected", malformed(b(0x06, 0x40, 0x19, 0x07, 0, 0x0B, 0x0B)), "catch after catch_all");
        assertEquals("END opcode expected", malformed(b(0x06, 0x40, 0x19, 0x18, 0, 0x0B)), "delegate after catch");
        assertEquals(ByteReader.UNEXPECTED_END, malformed(b(0x02, 0x40, 0x0B)), "block never closed");
        assertEquals("illegal opcode ff", malformed(b(0xFF, 0x0B)));
        assertEquals("illegal opcode fd 9a", malformed(b(0xFD, 0x9A, 0x01, 0x0B)));
        assertEquals("illegal opcode fe 05", malformed(b(0xFE, 0x05, 0x0B)), "two hex digits, as the reference prints");
        assertEquals("illegal opcode fc 12", malformed(b(0xFC, 0x12, 0x0B)));
        assertEquals("malformed catch clause", malformed(b(0x1F, 0x40, 1, 4, 0, 0x0B, 0x0B)));
    }

    @Test
    void deepNestingUsesNoJvmStackAndIsCapped() {
        int depth = InstructionReader.MAX_NESTING - 1;
        byte[] code = new byte[depth * 2 + depth + 1];
        for (int i = 0; i < depth; i++) {
            code[2 * i] = 0x02;
            code[2 * i + 1] = 0x40;
        }
        Arrays.fill(code, depth * 2, code.length, (byte) 0x0B);
        assertEquals(
                depth * 3 + 1,
                new InstructionReader(ByteBuffer.wrap(code), Features.defaults()).readExpression(0, new NoOpVisitor()));

        byte[] tooDeep = new byte[(depth + 1) * 2];
        for (int i = 0; i <= depth; i++) {
            tooDeep[2 * i] = 0x02;
            tooDeep[2 * i + 1] = 0x40;
        }
        assertEquals("nesting too deep", malformed(tooDeep));
    }
}
