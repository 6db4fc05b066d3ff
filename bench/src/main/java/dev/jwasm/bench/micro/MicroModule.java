package dev.jwasm.bench.micro;

import dev.jwasm.wat.Wat;

/**
 * The module the call and memory micro-benchmarks run on every runtime: one tiny function to call
 * from the host, a loop calling the host, and a pass of stores then loads over one page.
 */
final class MicroModule {
    /** Accesses one {@code storeLoad} call makes: 16,384 {@code i32.store} then as many loads. */
    static final int STORE_LOAD_ACCESSES = 2 * 65536 / 4;

    static final String WAT = """
            (module
              (import "host" "inc" (func $inc (param i64) (result i64)))
              (memory (export "memory") 1 1)
              ;; host -> Wasm: the cheapest call that takes arguments and returns a result
              (func (export "add") (param i64 i64) (result i64)
                (i64.add (local.get 0) (local.get 1)))
              ;; Wasm -> host: $n calls of the imported host function
              (func (export "callHost") (param $n i32) (result i64) (local $acc i64)
                (block $done
                  (loop $next
                    (br_if $done (i32.eqz (local.get $n)))
                    (local.set $acc (call $inc (local.get $acc)))
                    (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                    (br $next)))
                (local.get $acc))
              ;; memory: every aligned i32 of the page stored, then loaded and summed
              (func (export "storeLoad") (result i32) (local $i i32) (local $sum i32)
                (local.set $i (i32.const 0))
                (loop $store
                  (i32.store (local.get $i) (local.get $i))
                  (local.set $i (i32.add (local.get $i) (i32.const 4)))
                  (br_if $store (i32.lt_u (local.get $i) (i32.const 65536))))
                (local.set $i (i32.const 0))
                (loop $load
                  (local.set $sum (i32.add (local.get $sum) (i32.load (local.get $i))))
                  (local.set $i (i32.add (local.get $i) (i32.const 4)))
                  (br_if $load (i32.lt_u (local.get $i) (i32.const 65536))))
                (local.get $sum)))
            """;

    private MicroModule() {}

    static byte[] binary() {
        return Wat.toBinary(WAT);
    }
}
