package dev.jwasm.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.jwasm.wasi.WasiFunction.ValType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every {@code wasi_snapshot_preview1} import of the real programs in wasi-testsuite and the bench
 * set (compiled by wasi-libc, AssemblyScript, Rust) exists in {@link WasiFunctions} with exactly
 * the imported signature: the table is checked against independent compilers, not against itself.
 */
class ImportSignaturesTest {
    private record Import(String module, String name, List<ValType> params, List<ValType> results) {}

    @Test
    void wasiTestsuiteImportsAllResolve() throws IOException {
        checkAll(dataDir("jwasm.wasitests", "../../shared/wasi-testsuite"));
    }

    @Test
    void benchProgramImportsAllResolve() throws IOException {
        checkAll(dataDir("jwasm.bench", "../../shared/bench"));
    }

    private static Path dataDir(String property, String fallback) {
        Path dir = Path.of(System.getProperty(property, fallback));
        Assumptions.assumeTrue(Files.isDirectory(dir), "test data absent: put it at " + dir.toAbsolutePath());
        return dir;
    }

    private static void checkAll(Path dir) throws IOException {
        List<Path> programs;
        try (Stream<Path> s = Files.walk(dir)) {
            programs = s.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
        }
        assertFalse(programs.isEmpty(), "no .wasm files under " + dir);
        int checked = 0;
        for (var program : programs) {
            for (var imp : imports(Files.readAllBytes(program))) {
                if (!imp.module().equals(WasiFunctions.MODULE)) {
                    continue;
                }
                var fn = WasiFunctions.byName(imp.name());
                assertNotNull(fn, program + " imports unknown " + imp.name());
                assertEquals(imp.params(), fn.params(), program + ": params of " + imp.name());
                assertEquals(imp.results(), fn.results(), program + ": results of " + imp.name());
                checked++;
            }
        }
        assertFalse(checked == 0, "no WASI imports found under " + dir);
    }

    /** Just enough of the binary format (spec 5.5.2, 5.5.4, 5.5.5) to list function imports. */
    private static List<Import> imports(byte[] wasm) {
        var in = ByteBuffer.wrap(wasm);
        in.position(8); // magic and version
        var types = new ArrayList<List<List<ValType>>>();
        var result = new ArrayList<Import>();
        while (in.hasRemaining()) {
            int id = in.get();
            int size = (int) leb(in);
            int end = in.position() + size;
            if (id == 1) {
                long n = leb(in);
                for (long i = 0; i < n; i++) {
                    if (in.get() != 0x60) {
                        throw new IllegalStateException("only plain function types expected");
                    }
                    types.add(List.of(valtypes(in), valtypes(in)));
                }
            } else if (id == 2) {
                long n = leb(in);
                for (long i = 0; i < n; i++) {
                    String module = name(in);
                    String field = name(in);
                    int kind = in.get();
                    switch (kind) {
                        case 0 -> {
                            var t = types.get((int) leb(in));
                            result.add(new Import(module, field, t.get(0), t.get(1)));
                        }
                        case 1 -> {
                            in.get(); // reftype
                            limits(in);
                        }
                        case 2 -> limits(in);
                        case 3 -> {
                            in.get();
                            in.get();
                        }
                        default -> throw new IllegalStateException("import kind " + kind);
                    }
                }
                return result;
            }
            in.position(end);
        }
        return result;
    }

    /** The types, with null for any type WASI never uses. */
    private static List<ValType> valtypes(ByteBuffer in) {
        long n = leb(in);
        var out = new ArrayList<ValType>();
        for (long i = 0; i < n; i++) {
            int t = in.get() & 0xFF;
            out.add(
                    switch (t) {
                        case 0x7F -> ValType.I32;
                        case 0x7E -> ValType.I64;
                        case 0x7D, 0x7C, 0x7B, 0x70, 0x6F -> null; // f32 f64 v128 funcref externref: never WASI
                        default -> throw new IllegalStateException("value type 0x" + Integer.toHexString(t));
                    });
        }
        return out;
    }

    private static void limits(ByteBuffer in) {
        int flags = in.get();
        leb(in);
        if ((flags & 1) != 0) {
            leb(in);
        }
    }

    private static String name(ByteBuffer in) {
        byte[] b = new byte[(int) leb(in)];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static long leb(ByteBuffer in) {
        long result = 0;
        int shift = 0;
        while (true) {
            int b = in.get() & 0xFF;
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
            shift += 7;
        }
    }
}
