package dev.jwasm.exec.interp;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.attribute.CodeAttribute;
import org.junit.jupiter.api.Test;

/**
 * HotSpot never JIT-compiles a method of more than 8000 bytecode bytes (HugeMethodLimit), so the
 * interpreter's dispatch loop must stay below it (DESIGN.md "Execution").
 */
class DispatchSizeTest {
    private static final int HUGE_METHOD_LIMIT = 8000;

    @Test
    void dispatchLoopStaysUnderHugeMethodLimit() throws IOException {
        byte[] bytes;
        try (var in = InterpreterProvider.class.getResourceAsStream("internal/Machine.class")) {
            assertNotNull(in, "Machine.class not found next to InterpreterProvider");
            bytes = in.readAllBytes();
        }
        var model = ClassFile.of().parse(bytes);
        var run = model.methods().stream()
                .filter(m -> m.methodName().equalsString("run"))
                .findFirst()
                .orElseThrow();
        int size = run.findAttribute(java.lang.classfile.Attributes.code())
                .map(CodeAttribute::codeLength)
                .orElseThrow();
        assertTrue(size > 1000, "the dispatch loop was found (" + size + " bytes)");
        assertTrue(size < HUGE_METHOD_LIMIT, "dispatch loop is " + size + " bytecode bytes");
    }
}
