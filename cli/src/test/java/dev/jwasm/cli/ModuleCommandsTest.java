package dev.jwasm.cli;

import static dev.jwasm.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jwasm inspect} and {@code jwasm validate} on good and bad input. */
class ModuleCommandsTest {
    private static final String HELLO = Path.of("..", "examples", "hello.wat").toString();

    @TempDir
    Path dir;

    @Test
    void inspectListsImportsAndExportsOfATextModule() {
        var result = run("inspect", HELLO);
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(
                result.out().contains("func wasi_snapshot_preview1.fd_write: [i32, i32, i32, i32] -> [i32]"),
                result.out());
        assertTrue(result.out().contains("func \"_start\" = index 1"), result.out());
        assertTrue(result.out().contains("memory \"memory\" = index 0"), result.out());
    }

    @Test
    void validateAcceptsAValidModule() {
        var result = run("validate", HELLO);
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(HELLO + ": valid", result.out().strip());
    }

    @Test
    void aFileThatIsNotWasmIsAnInvalidModuleWithTheDecodersReason() throws IOException {
        Path notWasm = Files.writeString(dir.resolve("notes.wasm"), "hello");
        var result = run("validate", notWasm.toString());
        assertEquals(3, result.exitCode());
        assertEquals(
                "jwasm: magic header not detected (at byte offset 0)",
                result.err().strip());
    }

    @Test
    void aTruncatedModuleSaysUnexpectedEnd() throws IOException {
        // The magic, then the version cut off after two of its four bytes.
        byte[] truncated = {0, 'a', 's', 'm', 1, 0};
        Path file = Files.write(dir.resolve("cut.wasm"), truncated);
        var result = run("inspect", file.toString());
        assertEquals(3, result.exitCode());
        assertTrue(result.err().startsWith("jwasm: unexpected end"), result.err());
    }

    @Test
    void anInvalidModuleIsReportedWithTheValidatorsReason() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.wat"), "(module (func (result i32) (i64.const 1)))");
        var result = run("validate", file.toString());
        assertEquals(3, result.exitCode());
        assertTrue(result.err().startsWith("jwasm: type mismatch"), result.err());
    }

    @Test
    void badTextIsReportedWithItsPosition() throws IOException {
        Path file = Files.writeString(dir.resolve("broken.wat"), "(module (func (i32.frobnicate)))");
        var result = run("validate", file.toString());
        assertEquals(3, result.exitCode());
        assertTrue(result.err().contains("1:"), result.err());
    }

    @Test
    void aMissingFileIsAnIoError() {
        var result = run("inspect", dir.resolve("absent.wasm").toString());
        assertEquals(5, result.exitCode());
        assertTrue(result.err().contains("no such file"), result.err());
    }

    @Test
    void wat2wasmWritesABinaryTheDecoderAccepts() throws IOException {
        Path out = dir.resolve("hello.wasm");
        var result = run("wat2wasm", HELLO, "-o", out.toString());
        assertEquals(0, result.exitCode(), result.err());
        byte[] binary = Files.readAllBytes(out);
        assertEquals(0x00, binary[0]);
        assertEquals('a', binary[1]);
        assertEquals(0, run("validate", out.toString()).exitCode());
    }

    @Test
    void wastRunsAssertionsAndFailsOnAFailedOne() throws IOException {
        Path script = Files.writeString(dir.resolve("t.wast"), """
                (module (func (export "f") (result i32) (i32.const 1))
                        (func (export "div") (param i32) (result i32) (i32.div_u (i32.const 6) (local.get 0))))
                (assert_invalid (module (func (result i32) (i64.const 1))) "type mismatch")
                (assert_malformed (module binary "\\00asm\\02\\00\\00\\00") "unknown binary version")
                (assert_return (invoke "f") (i32.const 1))
                (assert_return (invoke "div" (i32.const 3)) (i32.const 2))
                (assert_trap (invoke "div" (i32.const 0)) "integer divide by zero")
                """);
        var result = run("wast", script.toString());
        assertEquals(0, result.exitCode(), result.out() + result.err());
        assertEquals("6 passed, 0 failed, 0 skipped", result.out().strip());

        Path wrong = Files.writeString(dir.resolve("w.wast"), """
                (module (func (export "f") (result i32) (i32.const 1)))
                (assert_return (invoke "f") (i32.const 2))
                """);
        var failed = run("wast", wrong.toString());
        assertEquals(6, failed.exitCode());
        assertTrue(failed.out().contains("w.wast:2 failed AssertReturn: expected result 0"), failed.out());
        assertTrue(failed.out().strip().endsWith("1 passed, 1 failed, 0 skipped"), failed.out());
    }
}
