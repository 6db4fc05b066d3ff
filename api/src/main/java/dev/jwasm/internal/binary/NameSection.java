package dev.jwasm.internal.binary;

import dev.jwasm.api.MalformedModuleException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads function names from the {@code name} custom section (spec 7.4.1). Custom sections never
 * make a module malformed, so a damaged name section is ignored: names read before the damage are
 * dropped too, to avoid reporting half of a broken map.
 */
final class NameSection {
    private static final int FUNCTION_NAMES = 1;

    private NameSection() {}

    static void readFunctionNames(ByteBuffer bytes, int offset, int end, Map<Integer, String> into) {
        var found = new HashMap<Integer, String>();
        try {
            var in = new ByteReader(bytes, offset, end);
            while (!in.atEnd()) {
                int id = in.u8();
                int size = in.length();
                int subEnd = in.position() + size;
                if (id == FUNCTION_NAMES) {
                    int n = in.length();
                    for (int i = 0; i < n; i++) {
                        int index = in.index();
                        found.put(index, in.name());
                    }
                    if (in.position() != subEnd) {
                        return;
                    }
                }
                in.position(subEnd);
            }
            into.putAll(found);
        } catch (MalformedModuleException e) {
            // Ignored on purpose, see the class comment.
        }
    }
}
