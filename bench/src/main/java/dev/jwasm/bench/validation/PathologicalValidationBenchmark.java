package dev.jwasm.bench.validation;

import dev.jwasm.api.Features;
import dev.jwasm.api.WasmModule;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decoding and validating modules a hostile producer would write: {@code n} nested blocks, one
 * br_table with {@code n} targets, {@code n} locals declared one group each, and as a baseline
 * {@code n} plain instructions. Each size is ten times the last: time that grows by about ten
 * too is linear in the module's size. (Nesting stays under the decoder's limit of 100,000, locals
 * under the validator's 50,000.)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class PathologicalValidationBenchmark {
    @Param({"nesting", "br_table", "locals", "straight"})
    public String shape;

    @Param({"4000", "40000"})
    public int n;

    private byte[] binary;

    @Setup(Level.Trial)
    public void build() {
        binary = module(shape, n);
    }

    @Benchmark
    public WasmModule decodeAndValidate() {
        return WasmModule.decode(binary, Features.defaults()).validate();
    }

    static byte[] module(String shape, int n) {
        var locals = new ByteArrayOutputStream();
        var code = new ByteArrayOutputStream();
        switch (shape) {
            case "nesting" -> {
                locals.writeBytes(leb(0));
                for (int i = 0; i < n; i++) {
                    code.writeBytes(new byte[] {0x02, 0x40}); // block
                }
                for (int i = 0; i < n; i++) {
                    code.write(0x0B);
                }
            }
            case "br_table" -> {
                locals.writeBytes(leb(0));
                code.writeBytes(new byte[] {0x02, 0x40, 0x41, 0x00, 0x0E}); // block i32.const 0 br_table
                code.writeBytes(leb(n));
                for (int i = 0; i <= n; i++) {
                    code.write(0x00);
                }
                code.write(0x0B);
            }
            case "locals" -> {
                locals.writeBytes(leb(n));
                for (int i = 0; i < n; i++) {
                    locals.writeBytes(new byte[] {0x01, 0x7F});
                }
                code.writeBytes(new byte[] {0x20}); // local.get n-1, drop
                code.writeBytes(leb(n - 1));
                code.write(0x1A);
            }
            case "straight" -> {
                locals.writeBytes(leb(0));
                for (int i = 0; i < n; i++) {
                    code.writeBytes(new byte[] {0x41, 0x01, 0x1A}); // i32.const 1 drop
                }
            }
            default -> throw new IllegalArgumentException(shape);
        }
        code.write(0x0B);
        byte[] body = cat(locals.toByteArray(), code.toByteArray());
        return cat(
                new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0},
                section(1, new byte[] {1, 0x60, 0, 0}),
                section(3, new byte[] {1, 0}),
                section(10, cat(leb(1), leb(body.length), body)));
    }

    private static byte[] leb(long value) {
        var out = new ByteArrayOutputStream();
        do {
            int b = (int) (value & 0x7F);
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
        return out.toByteArray();
    }

    private static byte[] section(int id, byte[] body) {
        return cat(new byte[] {(byte) id}, leb(body.length), body);
    }

    private static byte[] cat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (var p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
