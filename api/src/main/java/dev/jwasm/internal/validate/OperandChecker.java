package dev.jwasm.internal.validate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

/**
 * The operand stack, control stack and local-initialisation state of one function body, with the
 * primitive checks of the spec's appendix "Validation Algorithm" ({@code push_val},
 * {@code pop_val}, {@code push_ctrl}, {@code pop_ctrl}, {@code unreachable}, {@code get_local}, ...).
 * Instruction-level rules are built from these by the function validator.
 *
 * <p>The appendix's {@code Unknown} (a value popped from a polymorphic stack, which matches every
 * type) is represented here by {@code null}; it never appears in a {@link ControlFrame}.
 *
 * @param <T> the value type representation
 */
public final class OperandChecker<T> {
    private final TypeOps<T> ops;
    private final List<T> vals = new ArrayList<>();
    private final List<ControlFrame<T>> ctrls = new ArrayList<>();
    private final List<T> localTypes;
    private final boolean[] localInit;
    private int[] inits = new int[8];
    private int initCount;

    /**
     * @param locals the function's parameters followed by its declared locals; parameters and
     *     defaultable locals start initialised, spec 3.4.12 (non-defaultable locals)
     * @param paramCount how many of {@code locals} are parameters
     */
    public OperandChecker(TypeOps<T> ops, List<T> locals, int paramCount) {
        this.ops = ops;
        this.localTypes = List.copyOf(locals);
        this.localInit = new boolean[localTypes.size()];
        for (int i = 0; i < localInit.length; i++) {
            localInit[i] = i < paramCount || ops.isDefaultable(localTypes.get(i));
        }
    }

    public TypeOps<T> ops() {
        return ops;
    }

    /** The current operand-stack height (values pushed since the function started). */
    public int stackHeight() {
        return vals.size();
    }

    /** The number of open control frames, including the function's own. */
    public int depth() {
        return ctrls.size();
    }

    /** The type at {@code fromTop} below the top of the stack ({@code 0} is the top), or {@code null} if unknown. */
    public T peek(int fromTop) {
        int i = vals.size() - 1 - fromTop;
        return i < 0 ? null : vals.get(i);
    }

    public void pushVal(T type) {
        vals.add(type);
    }

    public void pushVals(List<T> types) {
        vals.addAll(types);
    }

    /** Pops any value; {@code null} when the frame is unreachable and its stack is exhausted. */
    public T popVal() {
        var frame = top();
        if (vals.size() == frame.height()) {
            if (frame.unreachable()) {
                return null;
            }
            throw new ValidationFailure("type mismatch: instruction requires a value but stack has []");
        }
        return vals.removeLast();
    }

    /** Pops a value that must match {@code expected}; returns the actual type, or {@code null} if unknown. */
    public T popVal(T expected) {
        var frame = top();
        if (vals.size() == frame.height()) {
            if (frame.unreachable()) {
                return null;
            }
            throw new ValidationFailure(
                    "type mismatch: instruction requires [" + ops.name(expected) + "] but stack has []");
        }
        T actual = vals.removeLast();
        if (actual == null) {
            return null; // an Unknown re-pushed from a polymorphic stack matches everything
        }
        if (!ops.matches(actual, expected)) {
            throw new ValidationFailure("type mismatch: instruction requires [" + ops.name(expected)
                    + "] but stack has [" + ops.name(actual) + "]");
        }
        return actual;
    }

    /** Pops a reference; from a polymorphic stack this is the bottom reference, which matches all. */
    public T popRef() {
        T actual = popVal();
        if (actual == null) {
            return ops.bottomReference();
        }
        if (!ops.isReference(actual)) {
            throw new ValidationFailure(
                    "type mismatch: instruction requires a reference but stack has [" + ops.name(actual) + "]");
        }
        return actual;
    }

    /** Pops values matching {@code types}, last first; returns the actual types in stack order. */
    public List<T> popVals(List<T> types) {
        var popped = new ArrayList<T>(types.size());
        for (int i = types.size() - 1; i >= 0; i--) {
            popped.add(popVal(types.get(i)));
        }
        return popped.reversed();
    }

    /** Opens a block: records the frame and pushes its parameters. */
    public ControlFrame<T> pushCtrl(FrameKind kind, List<T> in, List<T> out) {
        var frame = new ControlFrame<>(kind, in, out, vals.size(), initCount);
        ctrls.add(frame);
        pushVals(in);
        return frame;
    }

    /**
     * Closes the innermost block: its results must be exactly what is left on its part of the
     * stack, and locals it initialised become uninitialised again.
     */
    public ControlFrame<T> popCtrl() {
        if (ctrls.isEmpty()) {
            throw new ValidationFailure("unexpected end");
        }
        var frame = top();
        if (vals.size() - frame.height() > frame.endTypes().size()) {
            // More than the results are left: name the block's whole stack (the spec's pop_ctrl height check).
            throw new ValidationFailure("type mismatch: block requires " + names(frame.endTypes()) + " but stack has "
                    + names(vals.subList(frame.height(), vals.size())));
        }
        popVals(frame.endTypes());
        resetLocals(frame.initHeight());
        ctrls.removeLast();
        return frame;
    }

    /** The frame {@code depth} levels out from the innermost ({@code 0}); "unknown label" if none. */
    public ControlFrame<T> frame(long depth) {
        if (depth < 0 || depth >= ctrls.size()) {
            throw new ValidationFailure("unknown label");
        }
        return ctrls.get(ctrls.size() - 1 - (int) depth);
    }

    /** The innermost open frame. */
    public ControlFrame<T> top() {
        if (ctrls.isEmpty()) {
            // Only reachable for instructions after the function's final end.
            throw new ValidationFailure("operators remaining after end of function");
        }
        return ctrls.getLast();
    }

    /** The rest of the current block is dead: its stack becomes polymorphic. */
    public void unreachable() {
        var frame = top();
        vals.subList(frame.height(), vals.size()).clear();
        frame.markUnreachable();
    }

    /**
     * {@code select} without a type annotation: both operands must be numeric or both vectors,
     * of the same type, spec 3.4.4. Returns the result type, {@code null} if unknown.
     */
    public T selectUntyped() {
        popVal(ops.i32());
        T t1 = popVal();
        T t2 = popVal();
        boolean numeric = (t1 == null || ops.isNumeric(t1)) && (t2 == null || ops.isNumeric(t2));
        boolean vector = (t1 == null || ops.isVector(t1)) && (t2 == null || ops.isVector(t2));
        if (!numeric && !vector) {
            throw new ValidationFailure("type mismatch: select without a type requires numeric or vector operands");
        }
        if (t1 != null && t2 != null && !t1.equals(t2)) {
            throw new ValidationFailure("type mismatch: select operands are " + ops.name(t2) + " and " + ops.name(t1));
        }
        T result = t1 == null ? t2 : t1;
        pushVal(result);
        return result;
    }

    /** {@code br l}: the label's values must be on the stack; what follows is dead. */
    public ControlFrame<T> br(long depth) {
        var target = frame(depth);
        popVals(target.labelTypes());
        unreachable();
        return target;
    }

    /**
     * {@code br_if l}: pops the condition and checks the label's values; what stays on the stack
     * has the label's types, not the possibly more precise actual ones (spec appendix; see
     * WebAssembly/gc#516).
     */
    public ControlFrame<T> brIf(long depth) {
        popVal(ops.i32());
        var target = frame(depth);
        popVals(target.labelTypes());
        pushVals(target.labelTypes());
        return target;
    }

    /**
     * {@code br_table l* l}: every label must take as many values as the default one and accept
     * the operands, which are checked against each label's types in turn.
     */
    public void brTable(int[] depths, int defaultDepth) {
        popVal(ops.i32());
        int arity = frame(defaultDepth).labelTypes().size();
        for (int depth : depths) {
            var types = frame(depth).labelTypes();
            if (types.size() != arity) {
                throw new ValidationFailure("type mismatch: br_table targets have different arities");
            }
            pushVals(popVals(types));
        }
        popVals(frame(defaultDepth).labelTypes());
        unreachable();
    }

    /** The type of a local that may be read: it must exist and be initialised. */
    public T getLocal(long index) {
        int i = checkLocal(index);
        if (!localInit[i]) {
            throw new ValidationFailure("uninitialized local " + index);
        }
        return localTypes.get(i);
    }

    /** The type of a local being written; a non-defaultable one counts as initialised from here on. */
    public T setLocal(long index) {
        int i = checkLocal(index);
        if (!localInit[i]) {
            localInit[i] = true;
            if (initCount == inits.length) {
                inits = Arrays.copyOf(inits, initCount * 2);
            }
            inits[initCount++] = i;
        }
        return localTypes.get(i);
    }

    /** The declared type of a local, whether or not it is initialised yet. */
    public T localType(long index) {
        return localTypes.get(checkLocal(index));
    }

    public int localCount() {
        return localTypes.size();
    }

    private int checkLocal(long index) {
        if (index < 0 || index >= localTypes.size()) {
            throw new ValidationFailure("unknown local " + index);
        }
        return (int) index;
    }

    private void resetLocals(int height) {
        while (initCount > height) {
            localInit[inits[--initCount]] = false;
        }
    }

    private String names(List<T> types) {
        var joiner = new StringJoiner(" ", "[", "]");
        for (T t : types) {
            joiner.add(t == null ? "unknown" : ops.name(t));
        }
        return joiner.toString();
    }
}
