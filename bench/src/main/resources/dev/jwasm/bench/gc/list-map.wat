;; Allocation-heavy list processing on the GC proposal: each round conses a list of n boxed
;; numbers, maps it to a new list of their doubles (reversed, as a fold conses), and sums
;; that; every list dies at the end of its round. (run rounds n) returns the total of the sums.
(module
  (type $cell (struct (field $v i64) (field $next (ref null $cell))))

  (func $range (param $n i32) (result (ref null $cell))
    (local $list (ref null $cell))
    (block $done (loop $l
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (local.set $list (struct.new $cell (i64.extend_i32_u (local.get $n)) (local.get $list)))
      (br $l)))
    (local.get $list))

  (func $doubled (param $list (ref null $cell)) (result (ref null $cell))
    (local $out (ref null $cell))
    (block $done (loop $l
      (br_if $done (ref.is_null (local.get $list)))
      (local.set $out (struct.new $cell
        (i64.shl (struct.get $cell $v (local.get $list)) (i64.const 1)) (local.get $out)))
      (local.set $list (struct.get $cell $next (local.get $list)))
      (br $l)))
    (local.get $out))

  (func $sum (param $list (ref null $cell)) (result i64)
    (local $s i64)
    (block $done (loop $l
      (br_if $done (ref.is_null (local.get $list)))
      (local.set $s (i64.add (local.get $s) (struct.get $cell $v (local.get $list))))
      (local.set $list (struct.get $cell $next (local.get $list)))
      (br $l)))
    (local.get $s))

  (func (export "run") (param $rounds i32) (param $n i32) (result i64)
    (local $total i64)
    (block $done (loop $l
      (br_if $done (i32.eqz (local.get $rounds)))
      (local.set $total (i64.add (local.get $total) (call $sum (call $doubled (call $range (local.get $n))))))
      (local.set $rounds (i32.sub (local.get $rounds) (i32.const 1)))
      (br $l)))
    (local.get $total)))
