package dev.jwasm.internal.validate;

import dev.jwasm.api.model.RecGroup;
import dev.jwasm.api.model.StructType;
import dev.jwasm.api.model.SubType;

/**
 * The custom descriptors proposal's rules on {@code describes} and {@code descriptor} clauses
 * that a recursion group must satisfy before its types are compared (proposal overview, "Custom
 * Descriptor Definitions"; wording of the reference interpreter). Subtyping of the clauses is in
 * {@link DefinedTypes}.
 */
final class DescriptorRules {
    private DescriptorRules() {}

    /**
     * Both clauses point into the type's own group and agree with each other; a described type
     * comes before its descriptor, so that descriptor chains cannot cycle. Checked before any
     * index range check, as the reference interpreter does: an index past the group is "outside".
     */
    static void checkGroup(RecGroup group, int base) {
        var members = group.types();
        for (int i = 0; i < members.size(); i++) {
            int self = base + i;
            var sub = members.get(i);
            if (sub.hasDescribes()) {
                var described = member(group, base, sub.describes());
                if (described == null) {
                    throw new ValidationFailure("described type is outside rec group");
                }
                if (described.descriptor() != self) {
                    throw new ValidationFailure("described type is not described by descriptor");
                }
                if (sub.describes() >= self) {
                    throw new ValidationFailure("forward use of described type");
                }
            }
            if (sub.hasDescriptor()) {
                var descriptor = member(group, base, sub.descriptor());
                if (descriptor == null) {
                    throw new ValidationFailure("descriptor type is outside rec group");
                }
                if (descriptor.describes() != self) {
                    throw new ValidationFailure("type is not described by its descriptor");
                }
            }
        }
    }

    /** Only struct types may have descriptor clauses (the proposal may relax this later). */
    static void checkStruct(SubType sub) {
        if (sub.composite() instanceof StructType) {
            return;
        }
        if (sub.hasDescriptor()) {
            throw new ValidationFailure("descriptor type must be a struct");
        }
        if (sub.hasDescribes()) {
            throw new ValidationFailure("described type must be a struct");
        }
    }

    private static SubType member(RecGroup group, int base, int index) {
        int position = index - base;
        return position >= 0 && position < group.types().size() ? group.types().get(position) : null;
    }
}
