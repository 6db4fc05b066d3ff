package dev.jwasm.spi.runtime;

import dev.jwasm.api.JwasmException;
import dev.jwasm.api.Trap;
import dev.jwasm.api.TrapKind;
import dev.jwasm.api.model.RefType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.spi.GcHeap;
import dev.jwasm.spi.GcRoots;
import dev.jwasm.spi.LinearMemory;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.SwitchPoint;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * What a store owns across instances: the tables that funcref, externref and exnref values index,
 * the fuel left, and the interrupt and deadline flags. A funcref is the function's position in its
 * table plus one, so that 0 is null (DESIGN.md "Values and references"); externrefs and exnrefs
 * carry a tag bit of their own above the index. Used by one thread at a time, like the store
 * ({@link #enter()} enforces it), except the stop flags, which any thread may set and clear.
 */
public final class StoreState {
    /**
     * Set in every non-null externref, so that an externref never equals a funcref. Host objects
     * are numbered in order, from 1; the store keeps them until it is dropped.
     */
    public static final long EXTERN_TAG = 1L << 62;

    /**
     * Set in every non-null exnref. An exception gets its exnref when Wasm code first holds it as
     * a value (catch_ref, catch_all_ref, a legacy catch that rethrows); the store keeps it until
     * it is dropped, like host objects.
     */
    public static final long EXN_TAG = 1L << 61;

    private final List<FunctionInstance> functions = new ArrayList<>();
    private final List<Object> externs = new ArrayList<>();
    private final List<ExceptionInstance> exceptions = new ArrayList<>();
    private final List<LinearMemory> memories = new ArrayList<>();
    /** Every instance made in this store: their globals, tables and segments are GC roots. */
    private final List<InstanceState> instances = new ArrayList<>();
    /** The frames of executors running now, innermost last: each adds its live references. */
    private final List<GcRoots> runningFrames = new ArrayList<>();
    /** References the host holds through the API, by handle; released slots are reused. */
    private long[] held = new long[8];

    private boolean[] heldLive = new boolean[8];
    private int heldCount;
    /** Released handles, reused by {@link #hold} before new ones. */
    private int[] freeHandles = new int[8];

    private int freeHandleCount;
    private final GcRootStack rootStack = new GcRootStack();
    private Function<GcRoots, GcHeap> heapFactory;
    private GcHeap gcHeap;
    private static final int INTERRUPT = 1;
    private static final int DEADLINE = 2;

    /** Why running code must stop: INTERRUPT and DEADLINE bits, written under this object's lock. */
    private volatile int stopReasons;

    /** Valid until the first stop any store in this JVM requests (see {@link #noStopYet()}). */
    private static final SwitchPoint NO_STOP_YET = new SwitchPoint();
    /** Bumped whenever the deadline changes, so that a stale timer does nothing. */
    private long deadlineGeneration;

    private ScheduledFuture<?> deadlineTimer;
    /** Threads parked in {@code memory.atomic.wait} for this store's code. */
    private final Set<Thread> waiters = ConcurrentHashMap.newKeySet();
    /** The thread running this store's code, or null; see {@link #enter()}. */
    private volatile Thread owner;
    /** How deeply {@link #owner} has entered; only the owner touches it. */
    private int entries;

    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(StoreState.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long fuel;

    /** An empty store state; each {@link dev.jwasm.api.Store} has one. */
    public StoreState() {}

    /** Registers {@code function} once and returns its reference. */
    public long register(FunctionInstance function) {
        if (function.ref() == 0) {
            functions.add(function);
            function.assignRef(functions.size());
        }
        return function.ref();
    }

    /** The function a non-null funcref names; traps on null. */
    public FunctionInstance function(long ref) {
        if (ref == 0) {
            throw new Trap(TrapKind.UNINITIALIZED_ELEMENT);
        }
        return functions.get((int) ref - 1);
    }

    /** The externref for a host object; null gives the null reference, 0. */
    public long externRef(Object value) {
        if (value == null) {
            return 0;
        }
        externs.add(value);
        return EXTERN_TAG | externs.size();
    }

    /** The host object an externref names, or null for the null reference. */
    public Object extern(long ref) {
        if (ref == 0) {
            return null;
        }
        long index = ref & ~EXTERN_TAG;
        if ((ref & EXTERN_TAG) == 0 || index > externs.size()) {
            throw new JwasmException("not an externref of this store: " + Long.toHexString(ref));
        }
        return externs.get((int) index - 1);
    }

    /** Registers {@code exception} once and returns its exnref. */
    public long exnRef(ExceptionInstance exception) {
        if (exception.ref() == 0) {
            exceptions.add(exception);
            exception.assignRef(EXN_TAG | exceptions.size());
        }
        return exception.ref();
    }

    /** The exception a non-null exnref names; null traps (spec 4.4.8, throw_ref). */
    public ExceptionInstance exception(long ref) {
        if (ref == 0) {
            throw new Trap(TrapKind.NULL_EXCEPTION_REFERENCE);
        }
        long index = ref & ~EXN_TAG;
        if ((ref & EXN_TAG) == 0
                || index > exceptions.size()
                || exceptions.get((int) index - 1).ref() != ref) {
            throw new JwasmException("not an exnref of this store: " + Long.toHexString(ref));
        }
        return exceptions.get((int) index - 1);
    }

    /** Records a memory the store created, so that {@link #close()} releases it. */
    public void own(LinearMemory memory) {
        memories.add(memory);
    }

    /** Releases every memory the store created (their storage and budget), and its GC heap. */
    public void close() {
        clearDeadline();
        for (LinearMemory m : memories) {
            m.close();
        }
        memories.clear();
        if (gcHeap != null) {
            gcHeap.close();
        }
    }

    /** How this store makes its GC heap on first use: the engine's GC backend given the store's roots. */
    public void gcHeapFactory(Function<GcRoots, GcHeap> factory) {
        this.heapFactory = factory;
    }

    /**
     * The store's GC heap, made on first use.
     *
     * @throws JwasmException if the engine has no GC backend
     */
    public GcHeap gcHeap() {
        GcHeap h = gcHeap;
        if (h == null) {
            if (heapFactory == null) {
                throw new JwasmException("no GC heap backend is on the module path (add dev.jwasm.gc.arena)");
            }
            h = gcHeap = heapFactory.apply(this::forEachGcRoot);
        }
        return h;
    }

    /** Whether {@link #gcHeap()} can make a heap: the engine has a GC backend. */
    public boolean hasGcBackend() {
        return heapFactory != null || gcHeap != null;
    }

    /** The GC heap if this store has made one yet, else null. */
    public GcHeap gcHeapIfPresent() {
        return gcHeap;
    }

    /** Records an instance of this store (instantiation does, before any code runs), for GC roots. */
    public void own(InstanceState instance) {
        instances.add(instance);
    }

    /** Forgets an instance whose instantiation failed: nothing can reach it. */
    public void disown(InstanceState instance) {
        instances.remove(instance);
    }

    /** The root stack compiled frames spill their live references to (see {@link GcRootStack}). */
    public GcRootStack rootStack() {
        return rootStack;
    }

    /** An executor starts running frames whose references {@code frames} enumerates. */
    public void pushFrames(GcRoots frames) {
        runningFrames.add(frames);
    }

    /** The innermost running executor has finished (normally or not). */
    public void popFrames() {
        runningFrames.removeLast();
    }

    /** Keeps {@code ref} alive for the host until {@link #release}; returns the handle. */
    public int hold(long ref) {
        int handle;
        if (freeHandleCount > 0) {
            handle = freeHandles[--freeHandleCount];
        } else {
            if (heldCount == held.length) {
                held = Arrays.copyOf(held, heldCount * 2);
                heldLive = Arrays.copyOf(heldLive, heldCount * 2);
            }
            handle = heldCount++;
        }
        held[handle] = ref;
        heldLive[handle] = true;
        return handle;
    }

    /** The reference a live handle holds. */
    public long held(int handle) {
        if (handle < 0 || handle >= heldCount || !heldLive[handle]) {
            throw new JwasmException("GC reference handle " + handle + " was released");
        }
        return held[handle];
    }

    /** Lets the collector free what {@code handle} held (if nothing else reaches it). */
    public void release(int handle) {
        if (handle >= 0 && handle < heldCount && heldLive[handle]) {
            heldLive[handle] = false;
            held[handle] = 0;
            if (freeHandleCount == freeHandles.length) {
                freeHandles = Arrays.copyOf(freeHandles, Math.max(8, freeHandleCount * 2));
            }
            freeHandles[freeHandleCount++] = handle;
        }
    }

    /**
     * Every GC root of this store: ref-typed globals, table elements and live element segments
     * of its instances, payloads of exceptions held as exnrefs, references the host holds, the
     * root stack, and the running executors' frames.
     */
    public void forEachGcRoot(LongConsumer visitor) {
        for (InstanceState inst : instances) {
            for (GlobalCell g : inst.globals) {
                if (g != null && g.type().type() instanceof RefType) {
                    visitor.accept(g.value);
                }
            }
            for (TableInstance t : inst.tables) {
                if (t != null) {
                    t.forEachElement(visitor);
                }
            }
            for (ElementSegment e : inst.elements) {
                if (e != null) {
                    for (long r : e.refs()) {
                        visitor.accept(r);
                    }
                }
            }
        }
        for (ExceptionInstance x : exceptions) {
            int at = 0;
            for (ValType t : x.tag().type().params()) {
                if (t instanceof RefType) {
                    visitor.accept(x.payload(at));
                }
                at += t == ValType.V128 ? 2 : 1;
            }
        }
        for (int i = 0; i < heldCount; i++) {
            if (heldLive[i]) {
                visitor.accept(held[i]);
            }
        }
        rootStack.forEach(visitor);
        for (GcRoots frames : runningFrames) {
            frames.forEachRoot(visitor);
        }
    }

    /**
     * Asks running code to stop with the trap "interrupted" at its next loop back-edge or call;
     * safe from any thread. Stays set until {@link #clearInterrupt()}.
     */
    public void requestInterrupt() {
        setStop(INTERRUPT);
    }

    public void clearInterrupt() {
        clearStop(INTERRUPT);
    }

    /** Whether an interrupt is pending (a passed deadline is {@link #stopRequested()} too). */
    public boolean interruptRequested() {
        return (stopReasons & INTERRUPT) != 0;
    }

    /**
     * Whether running code must stop: an interrupt or a passed deadline. One volatile read, which
     * executors do at every loop back-edge and call; then {@link #checkStop()} says why.
     */
    public boolean stopRequested() {
        return stopReasons != 0;
    }

    /**
     * A switch point that stays valid until some store first requests a stop (an interrupt or a
     * passed deadline), so that compiled code guarding its {@link #stopRequested()} reads with it
     * pays nothing for them until then; afterwards it reads the flag again. Invalidated after the
     * flag is set, so code that sees it invalid also sees the stop.
     */
    public static SwitchPoint noStopYet() {
        return NO_STOP_YET;
    }

    /** Traps "interrupted" or "deadline exceeded" if {@link #stopRequested()}, else returns. */
    public void checkStop() {
        int reasons = stopReasons;
        if ((reasons & INTERRUPT) != 0) {
            throw new Trap(TrapKind.INTERRUPTED);
        }
        if ((reasons & DEADLINE) != 0) {
            throw new Trap(TrapKind.DEADLINE_EXCEEDED);
        }
    }

    /**
     * Makes running code trap "deadline exceeded" from {@code delayNanos} from now (at once if not
     * positive), replacing any earlier deadline. A shared daemon timer raises the flag, so code
     * pays nothing for it but the {@link #stopRequested()} read it already does. Safe from any
     * thread.
     */
    public synchronized void setDeadline(long delayNanos) {
        cancelDeadline();
        if (delayNanos <= 0) {
            setStop(DEADLINE);
            return;
        }
        long generation = deadlineGeneration;
        deadlineTimer = DeadlineTimer.schedule(() -> deadlinePassed(generation), delayNanos);
    }

    /** Removes the deadline; code that stopped for it may run again. Safe from any thread. */
    public synchronized void clearDeadline() {
        cancelDeadline();
    }

    private synchronized void deadlinePassed(long generation) {
        // A timer that fires while being replaced or cancelled must not stop the code.
        if (generation == deadlineGeneration) {
            setStop(DEADLINE);
        }
    }

    private void cancelDeadline() {
        deadlineGeneration++;
        if (deadlineTimer != null) {
            deadlineTimer.cancel(false);
            deadlineTimer = null;
        }
        clearStop(DEADLINE);
    }

    private synchronized void setStop(int reason) {
        stopReasons |= reason;
        if (!NO_STOP_YET.hasBeenInvalidated()) {
            SwitchPoint.invalidateAll(new SwitchPoint[] {NO_STOP_YET});
        }
        // Threads parked in memory.atomic.wait for this store wake up and see the stop at once.
        for (Thread waiter : waiters) {
            LockSupport.unpark(waiter);
        }
    }

    /**
     * Registers a thread that is about to park in {@code memory.atomic.wait} on behalf of this
     * store, so that an interrupt or a passed deadline unparks it; safe from any thread.
     */
    public void addWaiter(Thread thread) {
        waiters.add(thread);
    }

    /** Undoes {@link #addWaiter} once the thread stops waiting. */
    public void removeWaiter(Thread thread) {
        waiters.remove(thread);
    }

    /**
     * Marks the calling thread as running this store's code, until the matching {@link #exit()}.
     * Entries nest on one thread (a host function calling back into the store); another thread
     * entering meanwhile gets an {@link IllegalStateException}, because a store's instances,
     * tables, globals, unshared memories and fuel are not safe to use from two threads at once.
     * One compare-and-set per call from the host; a store may move between threads between calls.
     */
    public void enter() {
        Thread me = Thread.currentThread();
        if (owner == me) {
            entries++;
            return;
        }
        if (!OWNER.compareAndSet(this, null, me)) {
            Thread other = owner;
            throw new IllegalStateException("this store is running code on thread \""
                    + (other == null ? "?" : other.getName()) + "\" and cannot run code on thread \""
                    + me.getName() + "\" at the same time: use one store per thread (instances of several"
                    + " stores may share a shared memory)");
        }
        entries = 1;
    }

    /** Ends an {@link #enter()} of the calling thread. */
    public void exit() {
        if (owner != Thread.currentThread()) {
            throw new IllegalStateException("exit() without enter() on this thread");
        }
        if (--entries == 0) {
            owner = null;
        }
    }

    private synchronized void clearStop(int reason) {
        stopReasons &= ~reason;
    }

    /** The fuel left (see {@link #consumeFuel()}); never negative. */
    public long fuel() {
        return fuel;
    }

    /** Sets the fuel left; only executors built to meter fuel consume it. */
    public void setFuel(long fuel) {
        if (fuel < 0) {
            throw new IllegalArgumentException("fuel must not be negative, not " + fuel);
        }
        this.fuel = fuel;
    }

    /**
     * Takes one unit of fuel (a metering executor does at every function entry and loop
     * back-edge); false, leaving the fuel at 0, when there is none. Same thread as the store.
     */
    public boolean consumeFuel() {
        long left = fuel - 1;
        if (left < 0) {
            return false;
        }
        fuel = left;
        return true;
    }
}
