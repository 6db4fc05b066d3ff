package dev.jwasm.it.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading the WASI testsuite's {@code .json} specifications, in both of its forms. */
class WasiTestSpecTest {
    @Test
    void theLegacyFormDefaultsWhatItOmits() {
        var spec = WasiTestSpec.parse("""
                {"args": ["first", "the \\"second\\" arg", "3"], "exit_code": 33}
                """);
        assertEquals(List.of("first", "the \"second\" arg", "3"), spec.args());
        assertEquals(33, spec.exitCode());
        assertEquals(Map.of(), spec.env());
        assertEquals(List.of(), spec.dirs());
        assertEquals("", spec.stdout());
        assertEquals("", spec.stderr());
        assertEquals(Optional.empty(), spec.unsupported());
    }

    @Test
    void environmentValuesKeepTheirEscapesDecodedAndTheirOrder() {
        var spec = WasiTestSpec.parse("""
                {"env": {"b": "escap \\" ing", "a": "new\\nline", "c": "\\u00e9"}, "dirs": ["fs-tests.dir"]}
                """);
        assertEquals(List.of("b", "a", "c"), List.copyOf(spec.env().keySet()));
        assertEquals("escap \" ing", spec.env().get("b"));
        assertEquals("new\nline", spec.env().get("a"));
        assertEquals("é", spec.env().get("c"));
        assertEquals(List.of("fs-tests.dir"), spec.dirs());
    }

    @Test
    void theOperationFormCollectsRunReadsAndWait() {
        var spec = WasiTestSpec.parse("""
                {"operations": [
                  {"type": "run", "args": ["x"], "env": {"K": "V"}},
                  {"type": "read", "payload": "hel"},
                  {"type": "read", "id": "stdout", "payload": "lo"},
                  {"type": "read", "id": "stderr", "payload": "oops"},
                  {"type": "wait", "exit_code": 2}
                ]}
                """);
        assertEquals(List.of("x"), spec.args());
        assertEquals(Map.of("K", "V"), spec.env());
        assertEquals("hello", spec.stdout());
        assertEquals("oops", spec.stderr());
        assertEquals(2, spec.exitCode());
    }

    @Test
    void socketsAndProposalsAreUnsupportedWithAReason() {
        var sockets = WasiTestSpec.parse("""
                {"operations": [{"type": "run"}, {"type": "connect", "id": "server"}, {"type": "wait"}]}
                """);
        assertTrue(sockets.unsupported().orElseThrow().contains("sockets"), sockets.toString());
        var http = WasiTestSpec.parse("""
                {"proposals": ["http"], "operations": [{"type": "run"}, {"type": "wait"}]}
                """);
        assertTrue(http.unsupported().orElseThrow().contains("[http]"), http.toString());
    }

    @Test
    void malformedJsonIsRejectedWithItsOffset() {
        var e = assertThrows(Json.SyntaxException.class, () -> WasiTestSpec.parse("{\"args\": [\"a\" \"b\"]}"));
        assertEquals("expected ']' at offset 14", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> WasiTestSpec.parse("{\"exit_code\": \"zero\"}"));
    }
}
