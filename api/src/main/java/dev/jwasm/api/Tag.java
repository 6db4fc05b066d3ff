package dev.jwasm.api;

import dev.jwasm.api.model.FuncType;
import dev.jwasm.spi.runtime.TagInstance;
import java.util.Objects;

/**
 * An exception tag (spec 4.2.11): what a {@link WasmException} is an exception of. Tags match by
 * identity, so two handles are equal exactly when they name the same tag: one from {@link
 * Instance#tag(String)}, or one the host made and defined as an import.
 */
public final class Tag {
    private final TagInstance tag;

    Tag(TagInstance tag) {
        this.tag = Objects.requireNonNull(tag, "tag");
    }

    /** A new tag owned by the host, distinct from every other; its payload has {@code type}'s params. */
    public static Tag create(FuncType type) {
        return new Tag(new TagInstance(Objects.requireNonNull(type, "type")));
    }

    /** The payload's types are the params; a tag has no results. */
    public FuncType type() {
        return tag.type();
    }

    TagInstance instance() {
        return tag;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tag t && t.tag == tag;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(tag);
    }

    @Override
    public String toString() {
        return "Tag[" + tag.type() + "]";
    }
}
