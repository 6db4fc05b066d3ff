package dev.jwasm.internal.binary;

import dev.jwasm.api.Feature;
import dev.jwasm.api.Features;
import dev.jwasm.api.InvalidModuleException;
import dev.jwasm.api.MalformedModuleException;
import dev.jwasm.api.code.BlockType;
import dev.jwasm.api.model.AddressType;
import dev.jwasm.api.model.ArrayType;
import dev.jwasm.api.model.CompositeType;
import dev.jwasm.api.model.FieldType;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.GlobalType;
import dev.jwasm.api.model.HeapType;
import dev.jwasm.api.model.Limits;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.api.model.NumType;
import dev.jwasm.api.model.PackedType;
import dev.jwasm.api.model.RecGroup;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.StorageType;
import dev.jwasm.api.model.StructType;
import dev.jwasm.api.model.SubType;
import dev.jwasm.api.model.TableType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.api.model.VecType;
import java.util.ArrayList;
import java.util.List;

/** Decodes types (spec 5.3): value, heap, reference, storage, composite, sub and limit types. */
final class TypeDecoder {
    private static final int REF_NULL = 0x63;
    private static final int REF = 0x64;
    private static final int FUNC = 0x60;
    private static final int STRUCT = 0x5F;
    private static final int ARRAY = 0x5E;
    private static final int SUB = 0x50;
    private static final int SUB_FINAL = 0x4F;
    private static final int REC = 0x4E;
    // Custom descriptors proposal: clause prefixes of a subtype and the exact heap type prefix.
    private static final int DESCRIBES = 0x4C;
    private static final int DESCRIPTOR = 0x4D;
    private static final int EXACT = 0x62;
    private static final int EMPTY_BLOCK = 0x40;

    private final ByteReader in;
    private final Features features;

    TypeDecoder(ByteReader in, Features features) {
        this.in = in;
        this.features = features;
    }

    /**
     * A type-constructor byte, which the binary format defines as a one-byte s7: a continuation
     * bit makes it an over-long integer, as the reference interpreter reports.
     */
    private int typeCode() {
        int b = in.u8();
        if ((b & 0x80) != 0) {
            in.u8();
            throw ByteReader.errorAt("integer representation too long", in.position() - 1);
        }
        return b;
    }

    ValType valType() {
        int start = in.position();
        int b = typeCode();
        ValType t = valTypeFromCode(b);
        if (t == null) {
            throw ByteReader.errorAt("malformed value type", start);
        }
        return t;
    }

    /** The value type starting with byte {@code b} (already consumed), or null if none does. */
    private ValType valTypeFromCode(int b) {
        return switch (b) {
            case 0x7F -> NumType.I32;
            case 0x7E -> NumType.I64;
            case 0x7D -> NumType.F32;
            case 0x7C -> NumType.F64;
            case 0x7B -> VecType.V128;
            case REF_NULL -> new RefType(true, heapType());
            case REF -> new RefType(false, heapType());
            default -> {
                HeapType.Abstract shorthand = HeapType.Abstract.fromCode(b);
                yield shorthand == null ? null : new RefType(true, shorthand);
            }
        };
    }

    RefType refType() {
        int start = in.position();
        int b = typeCode();
        if (b == REF_NULL || b == REF || HeapType.Abstract.fromCode(b) != null) {
            return (RefType) valTypeFromCode(b);
        }
        throw ByteReader.errorAt("malformed reference type", start);
    }

    /**
     * A heap type (spec 5.3.3): an abstract type byte, or a type index as a non-negative s33; or
     * (custom descriptors) {@code 0x62} and an exact type index as a non-negative s32, so that an
     * abstract heap type cannot be exact.
     */
    HeapType heapType() {
        int start = in.position();
        int b = in.peek();
        HeapType.Abstract abs = HeapType.Abstract.fromCode(b);
        if (abs != null) {
            in.u8();
            return abs;
        }
        if (b == EXACT && features.has(Feature.CUSTOM_DESCRIPTORS)) {
            in.u8();
            int indexStart = in.position();
            int index = in.s32();
            if (index < 0) {
                throw ByteReader.errorAt("malformed type index", indexStart);
            }
            return new HeapType.Concrete(index, true);
        }
        long index = in.s33();
        if (index < 0) {
            throw ByteReader.errorAt("malformed heap type", start);
        }
        return new HeapType.Concrete(clampIndex(index));
    }

    /** A block type (spec 5.4.1): empty, one value type, or a type index as a non-negative s33. */
    BlockType blockType() {
        int start = in.position();
        int b = in.peek();
        if (b == EMPTY_BLOCK) {
            in.u8();
            return BlockType.EMPTY;
        }
        // Value types are encoded as negative s7 bytes (0x40..0x7F); a type index is non-negative.
        if (b >= 0x40 && b <= 0x7F) {
            in.u8();
            ValType t = valTypeFromCode(b);
            if (t == null) {
                throw ByteReader.errorAt("malformed value type", start);
            }
            return new BlockType.Value(t);
        }
        long index = in.s33();
        if (index < 0) {
            throw ByteReader.errorAt("malformed block type", start);
        }
        return new BlockType.TypeIndex(clampIndex(index));
    }

    private static int clampIndex(long index) {
        return index > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) index;
    }

    StorageType storageType() {
        int start = in.position();
        int b = typeCode();
        if (b == PackedType.I8.code()) {
            return PackedType.I8;
        }
        if (b == PackedType.I16.code()) {
            return PackedType.I16;
        }
        ValType t;
        try {
            t = valTypeFromCode(b);
        } catch (MalformedModuleException e) {
            // The reference interpreter reads a storage type as "a value type, else a packed
            // type": a reference type with a malformed heap type is a malformed storage type.
            if (e.reason().startsWith("malformed")) {
                throw ByteReader.errorAt("malformed storage type", start);
            }
            throw e;
        }
        if (t == null) {
            throw ByteReader.errorAt("malformed storage type", start);
        }
        return t;
    }

    boolean mutability() {
        int start = in.position();
        return switch (in.u8()) {
            case 0 -> false;
            case 1 -> true;
            default -> throw ByteReader.errorAt("malformed mutability", start);
        };
    }

    FieldType fieldType() {
        StorageType storage = storageType();
        return new FieldType(storage, mutability());
    }

    List<ValType> resultType() {
        int n = in.count();
        var types = new ArrayList<ValType>(ByteReader.initialCapacity(n));
        for (int i = 0; i < n; i++) {
            types.add(valType());
        }
        return types;
    }

    CompositeType compositeType() {
        int start = in.position();
        return switch (typeCode()) {
            case FUNC -> {
                List<ValType> params = resultType();
                yield new FuncType(params, resultType());
            }
            case STRUCT -> {
                int n = in.count();
                var fields = new ArrayList<FieldType>(ByteReader.initialCapacity(n));
                for (int i = 0; i < n; i++) {
                    fields.add(fieldType());
                }
                yield new StructType(fields);
            }
            case ARRAY -> new ArrayType(fieldType());
            default -> throw ByteReader.errorAt("malformed definition type", start);
        };
    }

    SubType subType() {
        int b = in.peek();
        if (b == SUB || b == SUB_FINAL) {
            in.u8();
            int n = in.count();
            var supers = new ArrayList<Integer>(ByteReader.initialCapacity(n));
            for (int i = 0; i < n; i++) {
                supers.add(in.index());
            }
            return describedType(b == SUB_FINAL, supers);
        }
        return describedType(true, List.of());
    }

    /**
     * The custom descriptors proposal's optional clauses before the composite type, in this
     * order: {@code 0x4C x} (describes x), then {@code 0x4D y} (descriptor y). A repeated or
     * reordered clause leaves a clause byte where the composite type must be: malformed.
     */
    private SubType describedType(boolean isFinal, List<Integer> supers) {
        int describes = SubType.NONE;
        int descriptor = SubType.NONE;
        boolean descriptors = features.has(Feature.CUSTOM_DESCRIPTORS);
        if (descriptors && in.peek() == DESCRIBES) {
            in.u8();
            describes = in.index();
        }
        if (descriptors && in.peek() == DESCRIPTOR) {
            in.u8();
            descriptor = in.index();
        }
        return new SubType(isFinal, supers, compositeType(), describes, descriptor);
    }

    RecGroup recGroup() {
        if (in.peek() == REC) {
            in.u8();
            int n = in.count();
            var types = new ArrayList<SubType>(ByteReader.initialCapacity(n));
            for (int i = 0; i < n; i++) {
                types.add(subType());
            }
            return new RecGroup(types);
        }
        return new RecGroup(List.of(subType()));
    }

    GlobalType globalType() {
        ValType t = valType();
        return new GlobalType(t, mutability());
    }

    TableType tableType() {
        RefType element = refType();
        int start = in.position();
        int flags = in.u8();
        // Tables: bit 0 = has maximum, bit 2 = 64-bit addresses (memory64's table64); no sharing.
        int allowed = features.has(Feature.MEMORY64) ? 0b101 : 0b1;
        if ((flags & ~allowed) != 0) {
            throw ByteReader.errorAt("malformed limits flags", start);
        }
        AddressType at = (flags & 0b100) != 0 ? AddressType.I64 : AddressType.I32;
        Limits limits = limits((flags & 1) != 0);
        return new TableType(element, limits, at);
    }

    MemoryType memoryType() {
        int start = in.position();
        int flags = in.u8();
        // Memories: bit 0 = has maximum, bit 1 = shared (threads), bit 2 = memory64,
        // bit 3 = custom page size; each only with its feature enabled.
        int allowed = 0b1
                | (features.has(Feature.THREADS) ? 0b10 : 0)
                | (features.has(Feature.MEMORY64) ? 0b100 : 0)
                | (features.has(Feature.CUSTOM_PAGE_SIZES) ? 0b1000 : 0);
        if ((flags & ~allowed) != 0) {
            throw ByteReader.errorAt("malformed limits flags", start);
        }
        AddressType at = (flags & 0b100) != 0 ? AddressType.I64 : AddressType.I32;
        Limits limits = limits((flags & 1) != 0);
        int pageSizeLog2 = MemoryType.DEFAULT_PAGE_SIZE_LOG2;
        if ((flags & 0b1000) != 0) {
            int logStart = in.position();
            int log2 = in.u32();
            // Only 1 and 65536 are valid; other sizes up to 2^16 are left for validation to reject.
            // Larger ones cannot be represented, so they are rejected here with the same wording:
            // as malformed from 2^64 on (no such size exists), as invalid below that.
            if (log2 < 0 || log2 >= Long.SIZE) {
                throw ByteReader.errorAt("invalid custom page size", logStart);
            }
            if (log2 > MemoryType.DEFAULT_PAGE_SIZE_LOG2) {
                throw new InvalidModuleException("invalid custom page size", logStart);
            }
            pageSizeLog2 = log2;
        }
        return new MemoryType(limits, at, (flags & 0b10) != 0, pageSizeLog2);
    }

    private Limits limits(boolean hasMax) {
        int start = in.position();
        // Read as u64 whatever the address type, as the reference interpreter does; the
        // validator checks the range the address type allows.
        long min = in.u64();
        long max = Limits.UNBOUNDED;
        if (hasMax) {
            max = in.u64();
        }
        if (hasMax && Long.compareUnsigned(max, min) < 0) {
            throw new InvalidModuleException("size minimum must not be greater than maximum", start);
        }
        // Every u64 is a valid limit for an i64 table or memory (spec 3.2.1); Limits holds values
        // from 2^63 on saturated, see its note.
        return new Limits(Limits.saturate(min), hasMax ? Limits.saturate(max) : Limits.UNBOUNDED);
    }
}
