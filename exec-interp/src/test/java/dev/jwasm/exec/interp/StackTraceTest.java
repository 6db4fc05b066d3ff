package dev.jwasm.exec.interp;

import static dev.jwasm.api.code.Opcode.CALL;
import static dev.jwasm.api.code.Opcode.END;
import static dev.jwasm.api.code.Opcode.UNREACHABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwasm.api.Linker;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.WasmFrame;
import dev.jwasm.api.WasmModule;
import dev.jwasm.api.model.ExternType;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.Import;
import dev.jwasm.internal.access.Internals;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A trap that reaches the host lists the Wasm functions it unwound, innermost first. */
class StackTraceTest {
    private static final FuncType VOID = Modules.sig(List.of(), List.of());

    @Test
    void framesComeFromTheNameSection() {
        // Functions: 0 "inner" traps, 1 "middle" calls 0, 2 (no name) calls 1, exported as "run".
        byte[] wasm = bytes(
                0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, // header
                0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type 0: [] -> []
                0x03, 0x04, 0x03, 0x00, 0x00, 0x00, // three functions of type 0
                0x07, 0x07, 0x01, 0x03, 'r', 'u', 'n', 0x00, 0x02, // export "run" = func 2
                0x0A, 0x0F, 0x03, // code section: 3 bodies
                0x03, 0x00, 0x00, 0x0B, // unreachable
                0x04, 0x00, 0x10, 0x00, 0x0B, // call 0
                0x04, 0x00, 0x10, 0x01, 0x0B, // call 1
                0x00, 0x17, 0x04, 'n', 'a', 'm', 'e', // custom section "name"
                0x01, 0x10, 0x02, // function names subsection: 2 entries
                0x00, 0x05, 'i', 'n', 'n', 'e', 'r', 0x01, 0x06, 'm', 'i', 'd', 'd', 'l', 'e');
        var store = new Store(Modules.engine(100));
        var run = new Linker().instantiate(store, WasmModule.decode(wasm)).function("run");
        var trap = assertThrows(Trap.class, run::call);
        assertEquals(TrapKind.UNREACHABLE, trap.kind());
        assertEquals(
                List.of(
                        new WasmFrame(0, Optional.of("inner")),
                        new WasmFrame(1, Optional.of("middle")),
                        new WasmFrame(2, Optional.empty())),
                trap.wasmStackTrace());
        assertEquals(
                List.of("inner", "middle", "func[2]"),
                trap.wasmStackTrace().stream().map(WasmFrame::displayName).toList());
        // The trap left nothing behind: the next call unwinds the same three frames afresh.
        assertEquals(3, assertThrows(Trap.class, run::call).wasmStackTrace().size());
    }

    @Test
    void framesOfOuterCallsSurviveAHostFunctionCallingBackIntoWasm() {
        // Imported function 0 is a host function calling export "boom" (function 1, traps);
        // function 2 calls function 0 and is exported as "run".
        var m = new Modules();
        m.imports.add(new Import("env", "host", new ExternType.Func(m.type(VOID))));
        m.func("boom", VOID, List.of(), v -> {
            v.visitSimple(UNREACHABLE);
            v.visitSimple(END);
        });
        m.func("run", VOID, List.of(), v -> {
            v.visitFunction(CALL, 0);
            v.visitSimple(END);
        });
        var store = new Store(Modules.engine(100));
        var linker = new Linker();
        var holder = new dev.jwasm.api.Instance[1];
        linker.define("env", "host", VOID, args -> holder[0].function("boom").call());
        holder[0] = Internals.instantiate(linker, store, m.build());
        var trap = assertThrows(Trap.class, () -> holder[0].function("run").call());
        assertEquals(
                List.of(new WasmFrame(1, Optional.empty()), new WasmFrame(2, Optional.empty())), trap.wasmStackTrace());
        assertEquals("func[1]", trap.wasmStackTrace().getFirst().toString());
    }

    @Test
    void aTrapFromOutsideWasmHasNoFrames() {
        assertEquals(List.of(), new Trap(TrapKind.UNREACHABLE).wasmStackTrace());
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
