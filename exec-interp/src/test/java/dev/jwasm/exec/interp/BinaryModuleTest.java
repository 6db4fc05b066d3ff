package dev.jwasm.exec.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwasm.api.InvalidModuleException;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.WasmModule;
import dev.jwasm.internal.access.Internals;
import dev.jwasm.spi.runtime.WasmFunctionInstance;
import org.junit.jupiter.api.Test;

/** Whole modules from hand-assembled binaries: decode, validate, instantiate, run. */
class BinaryModuleTest {
    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static final int[] HEADER = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};

    private static byte[] module(int... sections) {
        int[] all = new int[HEADER.length + sections.length];
        System.arraycopy(HEADER, 0, all, 0, HEADER.length);
        System.arraycopy(sections, 0, all, HEADER.length, sections.length);
        return bytes(all);
    }

    private static Store store() {
        return new Store(Modules.engine(1000));
    }

    @Test
    void addFromBytes() {
        byte[] wasm = module(
                0x01, 0x07, 0x01, 0x60, 0x02, 0x7F, 0x7F, 0x01, 0x7F, // type 0: [i32 i32] -> [i32]
                0x03, 0x02, 0x01, 0x00, // function 0 has type 0
                0x07, 0x07, 0x01, 0x03, 'a', 'd', 'd', 0x00, 0x00, // export "add" = func 0
                0x0A, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6A, 0x0B); // local.get 0 1, i32.add
        var add = new Linker().instantiate(store(), WasmModule.decode(wasm)).function("add");
        assertEquals(5, add.callForLong(2, 3));
        assertEquals(Integer.MIN_VALUE, (int) add.callForLong(Integer.MAX_VALUE, 1)); // wraps
    }

    @Test
    void recursiveFactorialFromBytes() {
        byte[] wasm = module(
                0x01, 0x06, 0x01, 0x60, 0x01, 0x7E, 0x01, 0x7E, // type 0: [i64] -> [i64]
                0x03, 0x02, 0x01, 0x00, 0x07, 0x07, 0x01, 0x03, 'f', 'a', 'c', 0x00, 0x00, 0x0A, 0x17, 0x01, 0x15, 0x00,
                0x20, 0x00, 0x50, // local.get 0, i64.eqz
                0x04, 0x7E, 0x42, 0x01, // if (result i64) i64.const 1
                0x05, 0x20, 0x00, 0x20, 0x00, 0x42, 0x01, 0x7D, // else n, n - 1
                0x10, 0x00, 0x7E, 0x0B, 0x0B); // call 0, i64.mul, end, end
        var fac = new Linker().instantiate(store(), WasmModule.decode(wasm)).function("fac");
        assertEquals(3_628_800, fac.callForLong(10));
    }

    @Test
    void instancesOfOneModuleShareLoweredCodeButNotState() {
        // (global (mut i32) 0) (func (export "next") (result i32)
        //   global.get 0; i32.const 1; i32.add; global.set 0; global.get 0)
        byte[] wasm = module(
                0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7F, // type 0: [] -> [i32]
                0x03, 0x02, 0x01, 0x00, // function 0 has type 0
                0x06, 0x06, 0x01, 0x7F, 0x01, 0x41, 0x00, 0x0B, // global 0: mut i32 = 0
                0x07, 0x08, 0x01, 0x04, 'n', 'e', 'x', 't', 0x00, 0x00, // export "next" = func 0
                0x0A, 0x0D, 0x01, 0x0B, 0x00, 0x23, 0x00, 0x41, 0x01, 0x6A, 0x24, 0x00, 0x23, 0x00, 0x0B);
        var module = WasmModule.decode(wasm);
        var a = new Linker().instantiate(store(), module).function("next");
        var b = new Linker().instantiate(store(), module).function("next");
        assertEquals(1, a.callForLong());
        assertEquals(2, a.callForLong());
        assertEquals(1, b.callForLong(), "each instance has its own global");
        Object loweredA = ((WasmFunctionInstance) Internals.function(a)).compiled();
        Object loweredB = ((WasmFunctionInstance) Internals.function(b)).compiled();
        assertNotNull(loweredA);
        assertSame(loweredA, loweredB, "the body is lowered once for both instances");
    }

    @Test
    void anInvalidModuleStaysInvalidOnEveryAttempt() {
        byte[] wasm = module(
                0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7F, // type 0: [] -> [i32]
                0x03, 0x02, 0x01, 0x00, 0x0A, 0x04, 0x01, 0x02, 0x00, 0x0B); // empty body: no i32 result
        var module = WasmModule.decode(wasm);
        assertThrows(InvalidModuleException.class, module::validate);
        assertThrows(InvalidModuleException.class, () -> new Linker().instantiate(store(), module));
    }

    @Test
    void invalidModuleIsRejectedBeforeInstantiation() {
        byte[] wasm = module(
                0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7F, // type 0: [] -> [i32]
                0x03, 0x02, 0x01, 0x00, 0x0A, 0x04, 0x01, 0x02, 0x00, 0x0B); // empty body: no i32 result
        var module = WasmModule.decode(wasm);
        assertThrows(InvalidModuleException.class, () -> new Linker().instantiate(store(), module));
    }
}
