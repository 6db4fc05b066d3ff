package dev.jwasm.internal.validate;

import dev.jwasm.api.InvalidModuleException;
import dev.jwasm.api.code.Opcode;
import dev.jwasm.api.model.ModuleInfo;
import dev.jwasm.internal.binary.InstructionReader;
import dev.jwasm.internal.binary.NoOpVisitor;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks the branch-hinting proposal's {@code metadata.code.branch_hint} custom section: each
 * hint must sit on an {@code if} or {@code br_if} of its function, its offset counted from the
 * start of the function's body (its locals vector). A section that does not parse is left alone,
 * as custom sections are; one that parses but names another instruction is invalid, in the
 * reference interpreter's words.
 */
final class BranchHints {
    static final String SECTION = "metadata.code.branch_hint";
    private static final String INVALID_TARGET = "@" + SECTION + " annotation: invalid target";

    private BranchHints() {}

    static void check(ModuleInfo module, int importedFunctions) {
        for (var custom : module.customs()) {
            if (!custom.name().equals(SECTION)) {
                continue;
            }
            var in = new Leb(module.bytes(), custom.dataOffset(), custom.dataOffset() + custom.length());
            int[] bodyStarts = null;
            long functions = in.u32();
            for (long f = 0; f < functions && in.ok(); f++) {
                long func = in.u32();
                long count = in.u32();
                int defined = (int) (func - importedFunctions);
                Set<Integer> branches = null;
                if (in.ok() && defined >= 0 && defined < module.code().size()) {
                    if (bodyStarts == null) {
                        bodyStarts = bodyStarts(module);
                    }
                    branches = branchOffsets(module, defined, bodyStarts[defined]);
                }
                for (long h = 0; h < count && in.ok(); h++) {
                    long offset = in.u32();
                    long size = in.u32();
                    in.skip(size);
                    if (in.ok() && branches != null && !branches.contains((int) offset)) {
                        throw new InvalidModuleException(INVALID_TARGET, -1);
                    }
                }
            }
        }
    }

    /** The offsets of the if and br_if instructions of a body, relative to the body's start. */
    private static Set<Integer> branchOffsets(ModuleInfo module, int defined, int bodyStart) {
        var offsets = new HashSet<Integer>();
        var body = module.code().get(defined);
        new InstructionReader(module).readFunctionBody(body, new NoOpVisitor() {
            private int at;

            @Override
            public void visitOffset(int offset) {
                at = offset;
            }

            @Override
            public void visitBlock(Opcode op, dev.jwasm.api.code.BlockType type) {
                if (op == Opcode.IF) {
                    offsets.add(at - bodyStart);
                }
            }

            @Override
            public void visitLabel(Opcode op, int depth) {
                if (op == Opcode.BR_IF) {
                    offsets.add(at - bodyStart);
                }
            }
        });
        return offsets;
    }

    /** Where each body of the code section starts (after its size): the model keeps only its code. */
    private static int[] bodyStarts(ModuleInfo module) {
        var bytes = module.bytes();
        var in = new Leb(bytes, 8, bytes.limit());
        int[] starts = new int[module.code().size()];
        while (in.ok() && in.pos < bytes.limit()) {
            int id = bytes.get(in.pos++) & 0xFF;
            long size = in.u32();
            int end = in.pos + (int) size;
            if (id == 10) {
                long n = in.u32();
                for (int i = 0; i < n && i < starts.length; i++) {
                    long bodySize = in.u32();
                    starts[i] = in.pos;
                    in.skip(bodySize);
                }
                return starts;
            }
            in.pos = end;
        }
        return starts;
    }

    /** Unsigned LEB128 over a range, which records running out instead of throwing. */
    private static final class Leb {
        private final ByteBuffer bytes;
        private final int limit;
        int pos;
        private boolean ok = true;

        Leb(ByteBuffer bytes, int pos, int limit) {
            this.bytes = bytes;
            this.pos = pos;
            this.limit = limit;
        }

        boolean ok() {
            return ok;
        }

        long u32() {
            long value = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                if (pos >= limit) {
                    ok = false;
                    return 0;
                }
                int b = bytes.get(pos++) & 0xFF;
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            ok = false;
            return 0;
        }

        void skip(long n) {
            if (n > limit - pos) {
                ok = false;
                pos = limit;
            } else {
                pos += (int) n;
            }
        }
    }
}
