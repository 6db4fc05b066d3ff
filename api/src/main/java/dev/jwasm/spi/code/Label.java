package dev.jwasm.spi.code;

import dev.jwasm.api.model.ValType;
import java.util.List;
import java.util.Objects;

/**
 * An open control frame as a branch sees it (spec 3.4.x "Control instructions"): the types a
 * branch to it carries, and the operand-stack height on entry, below the frame's parameters.
 *
 * @param types the label's types: a loop's parameters, any other frame's results
 * @param height the operand-stack height when the frame was entered
 * @param loop whether a branch to it jumps back to the frame's start
 */
public record Label(List<ValType> types, int height, boolean loop) {
    public Label {
        types = List.copyOf(Objects.requireNonNull(types, "types"));
    }
}
