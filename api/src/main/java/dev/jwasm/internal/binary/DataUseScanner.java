package dev.jwasm.internal.binary;

import dev.jwasm.api.code.Opcode;

/** Notes where an expression first uses a data segment index, for the data count rule. */
final class DataUseScanner extends NoOpVisitor {
    /** Offset of the first data-using instruction seen, or -1. */
    int usedAt = -1;

    private int offset;

    @Override
    public void visitOffset(int offset) {
        this.offset = offset;
    }

    @Override
    public void visitMemoryInit(int dataIndex, int memIndex) {
        used();
    }

    @Override
    public void visitData(Opcode op, int dataIndex) {
        used();
    }

    @Override
    public void visitArrayData(Opcode op, int typeIndex, int dataIndex) {
        used();
    }

    private void used() {
        if (usedAt < 0) {
            usedAt = offset;
        }
    }
}
