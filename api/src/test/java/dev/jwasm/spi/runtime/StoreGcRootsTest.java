package dev.jwasm.spi.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwasm.api.JwasmException;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.GlobalType;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.spi.GcRefs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a store hands its GC heap as roots. */
class StoreGcRootsTest {
    private static List<Long> roots(StoreState store) {
        var seen = new ArrayList<Long>();
        store.forEachGcRoot(seen::add);
        return seen;
    }

    @Test
    void referenceGlobalsAreRootsAndNumbersAreNot() {
        var store = new StoreState();
        var inst = new InstanceState(store, new FuncType[0], 0, 2, 0, 0, 0, 1, 0);
        long obj = GcRefs.object(40);
        inst.globals[0] = new GlobalCell(new GlobalType(RefType.ANYREF, true), obj);
        // An i64 with the very same bits is a number, not a reference.
        inst.globals[1] = new GlobalCell(new GlobalType(ValType.I64, true), obj + 8);
        inst.elements[0] = new ElementSegment(new long[] {GcRefs.object(48)});
        store.own(inst);
        assertEquals(List.of(obj, GcRefs.object(48)), roots(store));
        store.disown(inst);
        assertEquals(List.of(), roots(store));
    }

    @Test
    void heldReferencesAreRootsUntilReleasedAndHandlesAreReused() {
        var store = new StoreState();
        int a = store.hold(GcRefs.object(8));
        int b = store.hold(GcRefs.object(16));
        assertEquals(List.of(GcRefs.object(8), GcRefs.object(16)), roots(store));
        store.release(a);
        assertEquals(List.of(GcRefs.object(16)), roots(store));
        assertThrows(JwasmException.class, () -> store.held(a));
        int c = store.hold(GcRefs.object(24));
        assertEquals(a, c, "a released handle is reused");
        assertEquals(GcRefs.object(16), store.held(b));
    }

    @Test
    void theRootStackAndRunningFramesAreRoots() {
        var store = new StoreState();
        int mark = store.rootStack().top();
        store.rootStack().push(GcRefs.object(32));
        store.pushFrames(v -> v.accept(GcRefs.object(64)));
        assertEquals(List.of(GcRefs.object(32), GcRefs.object(64)), roots(store));
        store.rootStack().popTo(mark);
        store.popFrames();
        assertEquals(List.of(), roots(store));
    }
}
