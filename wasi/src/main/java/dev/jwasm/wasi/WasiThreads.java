package dev.jwasm.wasi;

import dev.jwasm.api.Engine;
import dev.jwasm.api.ExportedFunction;
import dev.jwasm.api.Instance;
import dev.jwasm.api.JwasmException;
import dev.jwasm.api.LinkException;
import dev.jwasm.api.Linker;
import dev.jwasm.api.Memory;
import dev.jwasm.api.Store;
import dev.jwasm.api.Trap;
import dev.jwasm.api.WasmModule;
import dev.jwasm.api.model.FuncType;
import dev.jwasm.api.model.Import;
import dev.jwasm.api.model.MemoryType;
import dev.jwasm.api.model.ValType;
import dev.jwasm.internal.access.Internals;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The wasi-threads proposal, as wasmtime's {@code -S threads} implements it: the import {@code
 * wasi} {@code thread-spawn (param $start_arg i32) (result $tid i32)} starts a thread that runs a
 * <em>new instance</em> of the program's module, in a store of its own, on its own Java thread,
 * calling its export {@code wasi_thread_start(tid, start_arg)}. The module must import a shared
 * memory: one memory is created for the program and every instance imports it; all instances
 * share the program's {@link WasiPreview1} (its descriptors, arguments and environment), whose
 * calls are serialized (a {@code poll_oneoff} that sleeps lets the others run meanwhile).
 *
 * <p>Thread ids are 1 to {@link #MAX_TID}, as the proposal requires; {@code thread-spawn} returns
 * a negative number when no thread can be started (ids exhausted, {@link #MAX_THREADS} running,
 * the program ending, the new instance failing to link). The program ends, for every thread, when
 * its main call ({@code _start}) returns or any thread calls {@code proc_exit} or traps: the first
 * of these decides the outcome ({@link #callMain} returns or throws it) and the other threads are
 * stopped at their next function entry, loop iteration or {@code memory.atomic.wait} (a spawned
 * thread sleeping in {@code poll_oneoff} is woken by a Java interrupt). A thread
 * whose {@code wasi_thread_start} returns ends alone. With fuel metering on, every spawned thread
 * gets the fuel the main store had when the program was instantiated; a deadline on the main store
 * ends the whole program when the main call traps for it.
 */
public final class WasiThreads implements AutoCloseable {
    /** The import module of {@code thread-spawn}. */
    public static final String MODULE = "wasi";
    /** The import name of the spawn function. */
    public static final String SPAWN = "thread-spawn";
    /** The export every spawned thread starts in. */
    public static final String START = "wasi_thread_start";
    /** The largest thread id: the proposal keeps ids below 2^29 (wasi-libc uses the top bits). */
    public static final int MAX_TID = 0x1FFF_FFFF;
    /** At most this many spawned threads run at once; {@code thread-spawn} fails past it. */
    public static final int MAX_THREADS = 1024;

    static final FuncType SPAWN_TYPE = FuncType.of(List.of(ValType.I32), List.of(ValType.I32));
    static final FuncType START_TYPE = FuncType.of(List.of(ValType.I32, ValType.I32), List.of());

    /** How long {@link #close()} lets stopped threads finish before leaving them (daemons). */
    private static final Duration JOIN_GRACE = Duration.ofSeconds(2);

    /** The outcome of a program that ended by its main call returning. */
    private static final Object RETURNED = new Object();

    private final Engine engine;
    private final WasmModule module;
    private final Linker linker;
    private final Memory memory;
    private final AtomicInteger nextTid = new AtomicInteger(1);
    /** Every store running the program's code: the main one and each live thread's. */
    private final Set<Store> stores = ConcurrentHashMap.newKeySet();

    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    /** What ended the program: {@link #RETURNED}, or the exception of the thread that ended it. */
    private final AtomicReference<Object> outcome = new AtomicReference<>();

    private volatile Store mainStore;
    private volatile long threadFuel;

    /** Whether {@code module} imports {@code wasi} {@code thread-spawn}. */
    public static boolean importsSpawn(WasmModule module) {
        return module.imports().stream()
                .anyMatch(i -> i.module().equals(MODULE) && i.name().equals(SPAWN));
    }

    /**
     * Prepares {@code module} to run as a threaded WASI program: creates its shared memory from the
     * module's memory import and defines that, the WASI functions (over {@code wasi}, serialized)
     * and {@code thread-spawn} in {@code linker}, which every thread's instance then links with.
     *
     * @throws LinkException if the module imports no memory, or an unshared one
     */
    WasiThreads(Engine engine, WasmModule module, Linker linker, WasiPreview1 wasi) {
        this.engine = engine;
        this.module = module;
        this.linker = linker;
        Import memoryImport = module.imports().stream()
                .filter(i -> i.type() instanceof MemoryType)
                .findFirst()
                .orElseThrow(() -> new LinkException("a wasi-threads program must import its memory, a shared memory,"
                        + " so that its threads' instances share it; this module imports none"));
        var type = (MemoryType) memoryImport.type();
        if (!type.shared()) {
            throw new LinkException("a wasi-threads program must import a shared memory; " + memoryImport.module() + " "
                    + memoryImport.name() + " is not shared");
        }
        this.memory = Internals.memory(engine.memoryProvider().create(type, Internals.memoryBudget(engine)));
        linker.define(memoryImport.module(), memoryImport.name(), memory);
        WasiImports.define(linker, wasi, (caller, function) -> memory, wasi.lock());
        linker.define(MODULE, SPAWN, SPAWN_TYPE, args -> new long[] {spawn((int) args[0])});
    }

    /** The program's shared memory, which every thread's instance imports. */
    public Memory memory() {
        return memory;
    }

    /** Instantiates the program's main instance in {@code store}, the one whose {@code _start} runs. */
    Instance instantiateMain(Store store) {
        if (engine.config().consumeFuel()) {
            threadFuel = store.fuel();
        }
        Instance instance = instantiate(store);
        mainStore = store;
        stores.add(store);
        return instance;
    }

    private Instance instantiate(Store store) {
        Instance instance = linker.instantiate(store, module);
        if (!instance.exportNames().contains(START)
                || !instance.function(START).type().equals(START_TYPE)) {
            throw new LinkException("a wasi-threads program must export " + START + " of type " + START_TYPE);
        }
        return instance;
    }

    /**
     * Calls {@code function} of the main instance as the program's main thread and returns its
     * results, ending the program afterwards: when it returns, the other threads are stopped;
     * when it or any thread traps or exits first, that outcome is rethrown here (a
     * {@link WasiExitException} with the exit code, or the {@link Trap}). A thread ending the
     * program interrupts the main store, which then stays interrupted ({@link Store#resume()}).
     */
    public long[] callMain(ExportedFunction function, long... args) {
        long[] results;
        try {
            results = function.call(args);
        } catch (RuntimeException e) {
            throw end(e, true);
        }
        // Returning ends the program too; the threads stopped now find the outcome taken.
        Object first = outcome.compareAndExchange(null, RETURNED);
        stopAll(false);
        if (first instanceof RuntimeException e) {
            throw e; // a thread ended the program while the main call was returning
        }
        return results;
    }

    /**
     * Records {@code cause} as the outcome unless something ended the program first, stops every
     * thread, and returns the outcome that stands.
     */
    private RuntimeException end(RuntimeException cause, boolean fromMain) {
        Object first = outcome.compareAndExchange(null, cause);
        stopAll(!fromMain);
        return first instanceof RuntimeException e ? e : cause;
    }

    /**
     * Interrupts every thread's store; the main store too when {@code main} (a thread ended the
     * program while the main call may still run).
     */
    private void stopAll(boolean main) {
        for (Store store : stores) {
            if (main || store != mainStore) {
                store.interrupt();
            }
        }
        // The spawned threads are this class's own: a Java interrupt also ends a sleep in
        // poll_oneoff (errno INTR), after which the store's interrupt stops the Wasm code.
        for (Thread thread : threads) {
            thread.interrupt();
        }
    }

    /** {@code thread-spawn}: the new thread's id, or -1 when none can be started. */
    private int spawn(int startArg) {
        if (outcome.get() != null || threads.size() >= MAX_THREADS) {
            return -1;
        }
        int tid = nextTid.getAndUpdate(t -> t > MAX_TID ? t : t + 1);
        if (tid > MAX_TID) {
            return -1;
        }
        var store = new Store(engine);
        Instance instance;
        try {
            if (engine.config().consumeFuel()) {
                store.setFuel(threadFuel);
            }
            instance = instantiate(store);
        } catch (JwasmException e) {
            // A link failure is the spawn's failure; a trap (or exit) in the new instance's start
            // function reaches the spawner, as from any host function.
            store.close();
            if (e instanceof Trap || e instanceof WasiExitException) {
                throw e;
            }
            return -1;
        }
        var thread = Thread.ofPlatform()
                .daemon()
                .name("wasi-thread-" + tid)
                .unstarted(() -> runThread(store, instance, tid, startArg));
        stores.add(store);
        threads.add(thread);
        if (outcome.get() != null) {
            store.interrupt(); // the program ended while this thread was being made
        }
        thread.start();
        return tid;
    }

    private void runThread(Store store, Instance instance, int tid, int startArg) {
        try {
            instance.function(START).call(tid, startArg);
        } catch (RuntimeException e) {
            // A trap or proc_exit in any thread ends the program (wasi-threads); a thread that was
            // stopped because the program already ended finds the outcome taken and changes nothing.
            end(e, false);
        } catch (StackOverflowError | OutOfMemoryError e) {
            end(new JwasmException("wasi thread " + tid + " failed: " + e, e), false);
        } finally {
            stores.remove(store);
            threads.remove(Thread.currentThread());
            store.close();
        }
    }

    /** The spawned threads still running. */
    public int liveThreads() {
        return threads.size();
    }

    /**
     * Ends the program if it is still running (stopping every thread), waits briefly for the
     * threads to finish, and releases the shared memory. A thread blocked in a host call that
     * does not return is left behind as a daemon thread.
     */
    @Override
    public void close() {
        outcome.compareAndSet(null, RETURNED);
        stopAll(false);
        long deadline = System.nanoTime() + JOIN_GRACE.toNanos();
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                try {
                    thread.join(Duration.ofNanos(left));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (threads.isEmpty()) {
            Internals.memory(memory).close();
        }
    }
}
