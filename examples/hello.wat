;; A WASI command that prints a greeting: the smallest real program jwasm runs.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; iovec at 0: { buf = 16, len = 18 }, then the 18 bytes at 16.
  (data (i32.const 0) "\10\00\00\00\12\00\00\00")
  (data (i32.const 16) "Hello from jwasm!\0a")
  (func (export "_start")
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
