;; The benchmarks game's binary-trees on the GC proposal: complete trees of structs built and
;; walked, most of them short-lived. (run maxDepth) returns the sum of every check the program
;; would print: the stretch tree, each depth's iterations and the long-lived tree.
(module
  (type $node (struct (field $left (ref null $node)) (field $right (ref null $node))))

  (func $make (param $depth i32) (result (ref $node))
    (if (result (ref $node)) (i32.eqz (local.get $depth))
      (then (struct.new $node (ref.null $node) (ref.null $node)))
      (else (struct.new $node
        (call $make (i32.sub (local.get $depth) (i32.const 1)))
        (call $make (i32.sub (local.get $depth) (i32.const 1)))))))

  ;; The number of nodes of the tree.
  (func $check (param $n (ref $node)) (result i64)
    (local $l (ref null $node))
    (local.set $l (struct.get $node $left (local.get $n)))
    (if (result i64) (ref.is_null (local.get $l))
      (then (i64.const 1))
      (else (i64.add (i64.const 1)
        (i64.add (call $check (ref.as_non_null (local.get $l)))
                 (call $check (ref.as_non_null (struct.get $node $right (local.get $n)))))))))

  (func (export "run") (param $max i32) (result i64)
    (local $sum i64) (local $long (ref null $node)) (local $depth i32) (local $iterations i32) (local $i i32)
    (if (i32.lt_s (local.get $max) (i32.const 6)) (then (local.set $max (i32.const 6))))
    (local.set $sum (call $check (call $make (i32.add (local.get $max) (i32.const 1)))))
    (local.set $long (call $make (local.get $max)))
    (local.set $depth (i32.const 4))
    (block $done (loop $depths
      (br_if $done (i32.gt_s (local.get $depth) (local.get $max)))
      (local.set $iterations
        (i32.shl (i32.const 1) (i32.add (i32.sub (local.get $max) (local.get $depth)) (i32.const 4))))
      (local.set $i (i32.const 0))
      (block $next (loop $trees
        (br_if $next (i32.ge_s (local.get $i) (local.get $iterations)))
        (local.set $sum (i64.add (local.get $sum) (call $check (call $make (local.get $depth)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $trees)))
      (local.set $depth (i32.add (local.get $depth) (i32.const 2)))
      (br $depths)))
    (i64.add (local.get $sum) (call $check (ref.as_non_null (local.get $long))))))
