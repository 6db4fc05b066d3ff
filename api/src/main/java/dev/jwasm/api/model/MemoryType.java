package dev.jwasm.api.model;

/**
 * A linear memory's type (spec 2.3.11): limits in pages, address type, whether it is shared
 * (threads proposal), and the page size as a power of two (custom-page-sizes proposal: 1 or 65536).
 */
public record MemoryType(Limits limits, AddressType addressType, boolean shared, int pageSizeLog2)
        implements ExternType {
    public static final int DEFAULT_PAGE_SIZE_LOG2 = 16;

    public MemoryType {
        if (pageSizeLog2 < 0 || pageSizeLog2 > DEFAULT_PAGE_SIZE_LOG2) {
            throw new IllegalArgumentException("page size must be 2^0 to 2^16 bytes, not 2^" + pageSizeLog2);
        }
    }

    /** A plain 32-bit, unshared memory of 64 KiB pages. */
    public static MemoryType of(long minPages, long maxPages) {
        return new MemoryType(new Limits(minPages, maxPages), AddressType.I32, false, DEFAULT_PAGE_SIZE_LOG2);
    }

    public long pageSize() {
        return 1L << pageSizeLog2;
    }

    /**
     * The most pages this memory can ever have: its declared maximum, else what its address type
     * can address (2^32 bytes for i32, 2^64 for i64, in pages), and never more pages than the
     * largest address (custom-page-sizes: 2^32-1 one-byte pages for i32, so that memory.size fits
     * an i32 and memory.grow's failure value -1 is no size).
     */
    public long maxPagesAllowed() {
        long addressable;
        if (addressType == AddressType.I32) {
            addressable = Math.min(1L << (32 - pageSizeLog2), 0xFFFF_FFFFL);
        } else {
            // 2^64 bytes of 1-byte pages does not fit a long; no real memory comes near it.
            addressable = pageSizeLog2 == 0 ? Long.MAX_VALUE : 1L << (64 - pageSizeLog2);
        }
        return limits.hasMax() ? Math.min(limits.max(), addressable) : addressable;
    }
}
