package dev.jwasm.exec.interp.internal;

import dev.jwasm.api.model.ValType;
import dev.jwasm.spi.runtime.ExceptionInstance;
import dev.jwasm.spi.runtime.InstanceState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Exception handling for the interpreter (spec 4.4.8 throw, throw_ref, try_table; and the legacy
 * try/catch/delegate/rethrow). Nothing here runs unless an exception is thrown: a function's
 * handlers are a table appended after its code, searched only by the unwinder.
 *
 * <p>Table layout: after the last instruction come the entries, {@value #ENTRY} words each, then
 * one word holding where the first entry starts (so a function without handlers just ends with
 * its own length minus one). An entry is {@code start end tag payloadSlot refSlot target}: it
 * covers the IR pcs {@code [start, end)}; {@code tag} is a tag index, {@link #ALL} for
 * catch_all, or {@link #DELEGATE}; the payload goes to frame slots from {@code payloadSlot} and
 * the exnref to {@code refSlot} (-1: not wanted); {@code target} is the pc to continue at, or for
 * a delegate the word index of the entry at which the search goes on. Entries are in the order
 * their blocks end, so inner handlers come before the ones around them, and a try_table's clauses
 * keep their order: the first entry that matches wins.
 */
final class Handlers {
    private Handlers() {}

    /** Words per entry. */
    static final int ENTRY = 6;
    /** Tag word of a catch_all (or catch_all_ref, or legacy catch_all) entry. */
    static final int ALL = -1;
    /** Tag word of a legacy delegate entry: the search resumes at the entry its target names. */
    static final int DELEGATE = -2;

    /**
     * {@code THROW tag argBase}: a new exception with the payload from the frame, one slot per
     * value; a v128's high half comes from the machine's high-half stack ({@code high}, which is
     * only read when the tag has a v128 parameter).
     */
    static ExceptionInstance create(InstanceState inst, int tag, long[] s, int argBase, Supplier<long[]> high) {
        var t = inst.tags[tag];
        long[] payload = new long[ExceptionInstance.payloadLength(t)];
        int flat = 0;
        int k = 0;
        for (ValType type : t.type().params()) {
            payload[flat++] = s[argBase + k];
            if (type == ValType.V128) {
                payload[flat++] = high.get()[argBase + k];
            }
            k++;
        }
        return new ExceptionInstance(t, payload);
    }

    /**
     * Searches {@code code}'s handlers for one covering {@code pc} that catches {@code exn}. On a
     * match it stores the payload and exnref the handler wants in the frame at {@code fp} and
     * returns the pc to continue at; otherwise -1.
     */
    static int land(
            int[] code, int pc, long[] s, int fp, InstanceState inst, ExceptionInstance exn, Supplier<long[]> high) {
        int end = code.length - 1;
        int i = code[end];
        while (i < end) {
            if (pc >= code[i] && pc < code[i + 1]) {
                int tag = code[i + 2];
                if (tag == DELEGATE) {
                    i = code[i + 5];
                    continue;
                }
                if (tag == ALL || inst.tags[tag] == exn.tag()) {
                    int payloadSlot = code[i + 3];
                    if (payloadSlot >= 0) {
                        int flat = 0;
                        int k = 0;
                        for (ValType type : exn.tag().type().params()) {
                            s[fp + payloadSlot + k] = exn.payload(flat++);
                            if (type == ValType.V128) {
                                high.get()[fp + payloadSlot + k] = exn.payload(flat++);
                            }
                            k++;
                        }
                    }
                    int refSlot = code[i + 4];
                    if (refSlot >= 0) {
                        s[fp + refSlot] = inst.store.exnRef(exn);
                    }
                    return code[i + 5];
                }
            }
            i += ENTRY;
        }
        return -1;
    }

    /**
     * The handlers {@link #land} tries, in its order, for an exception thrown at {@code pc}:
     * each entry covering it, delegates followed. Empty at a tail call (its frame is gone). The
     * JIT builds its exception tables from these.
     */
    static List<TierSupport.Catch> candidates(int[] code, int pc) {
        var out = new ArrayList<TierSupport.Catch>();
        if (isTailCall(code, pc)) {
            return out;
        }
        int end = code.length - 1;
        int i = code[end];
        while (i < end) {
            if (pc >= code[i] && pc < code[i + 1]) {
                if (code[i + 2] == DELEGATE) {
                    i = code[i + 5];
                    continue;
                }
                out.add(new TierSupport.Catch(code[i + 2], code[i + 3], code[i + 4], code[i + 5]));
            }
            i += ENTRY;
        }
        return out;
    }

    /** Whether the instruction at {@code pc} is a tail call, whose own frame is gone (spec 4.4.8). */
    static boolean isTailCall(int[] code, int pc) {
        int op = code[pc];
        return op == Ir.RETURN_CALL || op == Ir.RETURN_CALL_INDIRECT || op == Ir.RETURN_CALL_REF;
    }
}
