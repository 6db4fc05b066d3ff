/**
 * The interpreter's internals: {@link dev.jwasm.exec.interp.internal.Lowering} turns a function
 * body into register IR once, on its first call; {@link dev.jwasm.exec.interp.internal.Machine}
 * runs it.
 *
 * <p>Decisions other code relies on:
 *
 * <ul>
 *   <li>A frame is a window of one {@code long[]} value stack: the function's locals first, then
 *       its constant pool (the constants operators read, filled at function entry from {@code
 *       CompiledFunction.frameInit}), then its operand stack, so each Wasm stack position is a
 *       fixed slot ("register") known at lowering time: {@code Lowering.slot(height)}, never
 *       {@code locals + height}. A call's arguments are already in place at the top of the
 *       caller's stack and become the callee's first locals without copying; results come back
 *       the same way.
 *   <li>Operators read locals, constants and tee'd values in place: the lowering folds pending
 *       {@code local.get} copies and constants into their consumer and retargets producers to
 *       {@code local.set}/{@code local.tee}. {@code -Djwasm.interp.dumpIr=true} prints the IR.
 *   <li>A body is lowered once per {@code FunctionCode} object and shared by every instance of
 *       its module.
 *   <li>i32 and f32 values are kept sign-extended from their 32 bits; i64/f64 use all 64; a
 *       reference is 0 for null, else a tagged value from the store.
 *   <li>Wasm-to-Wasm calls and returns push and pop the machine's own frame arrays: no JVM
 *       recursion, so the call depth limit is exact and a trap unwinds by discarding the machine.
 *   <li>The dispatch method must stay under HotSpot's 8000-bytecode HugeMethodLimit (a test
 *       checks it); rare operators run in {@code NumericOps}, {@code MemoryOps},
 *       {@code BulkOps}, {@code AtomicOps} (threads) and {@code WideOps} (wide arithmetic).
 *   <li>Function entries (calls) and loop back-edges are the safepoints: one volatile read of the
 *       store's stop flags (interrupt, deadline) plus, only when the engine meters fuel, one unit
 *       of fuel. A back-edge is any taken backward jump, checked in {@code Machine.to}; no
 *       instruction is emitted for it, so a {@code br_if} back-edge costs only when taken. A trap records its Wasm frames as it leaves {@code run}; nothing is recorded on
 *       the normal path.
 *   <li>Exceptions cost nothing until thrown: each function's handlers (try_table clauses, legacy
 *       catch arms and delegates) are a table of IR pc ranges after its code, see {@code
 *       Handlers}. A throw is a Java {@code WasmException}; the dispatch loop catches it, searches
 *       the current frame and then the machine's saved frames, and either resumes at a handler
 *       or lets it go on to the host, which is how exceptions cross host functions both ways.
 *   <li>The lowering tracks stack heights itself from the opcode table and the module's types;
 *       it can switch to the validator's forwarded {@code FunctionState} without changing the IR.
 * </ul>
 */
package dev.jwasm.exec.interp.internal;
