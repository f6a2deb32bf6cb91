;; Standard normals in 4-wide SIMD: Marsaglia & Tsang's ziggurat (128 layers) on four
;; interleaved xoshiro128** streams, one per lane, as random/ziggurat.ts does it one at a time:
;; the low 7 bits of a lane's 32-bit draw pick the layer, the signed upper 25 the point. A lane
;; that fails the fast test (about 1 in 37) takes the wedge or tail test here too, with uniforms
;; and redraws from a fifth, scalar xoshiro128** stream; only the rare tail calls the host's log.
;;
;; Memory (bytes): 128..640 kn, the fast-test bounds (i32 x 128); 640..1152 wn as f32 (fast
;; path); 1152..2176 wn as f64; 2176..3200 fn, the layer densities (f64 x 128). A generator
;; state is 80 bytes anywhere the caller puts it: the lanes' s0..s3 (one v128 each), then the
;; scalar stream's s0..s3.
(module
  (import "math" "log" (func $log (param f64) (result f64)))
  (memory (export "memory") 2)

  (func $next (param $st i32) (result i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $r i32) (local $t i32)
    (local.set $s0 (i32.load offset=64 (local.get $st)))
    (local.set $s1 (i32.load offset=68 (local.get $st)))
    (local.set $s2 (i32.load offset=72 (local.get $st)))
    (local.set $s3 (i32.load offset=76 (local.get $st)))
    (local.set $r (i32.mul (i32.rotl (i32.mul (local.get $s1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
    (local.set $t (i32.shl (local.get $s1) (i32.const 9)))
    (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
    (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
    (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
    (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
    (local.set $s2 (i32.xor (local.get $s2) (local.get $t)))
    (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
    (i32.store offset=64 (local.get $st) (local.get $s0))
    (i32.store offset=68 (local.get $st) (local.get $s1))
    (i32.store offset=72 (local.get $st) (local.get $s2))
    (i32.store offset=76 (local.get $st) (local.get $s3))
    (local.get $r))

  ;; e^y for the wedge test (y in [-6, 0]): y = k ln 2 + r with |r| <= ln 2 / 2, e^r by its
  ;; Taylor series to r^11 (relative error below 1e-12), 2^k from the exponent bits.
  (func $exp (param $y f64) (result f64)
    (local $k f64) (local $r f64)
    (local.set $k (f64.nearest (f64.mul (local.get $y) (f64.const 1.4426950408889634))))
    (local.set $r (f64.sub (f64.sub (local.get $y) (f64.mul (local.get $k) (f64.const 0.6931471803691238)))
                           (f64.mul (local.get $k) (f64.const 1.9082149292705877e-10))))
    (f64.mul
      (f64.add (f64.mul (f64.add (f64.mul (f64.add (f64.mul (f64.add (f64.mul (f64.add (f64.mul (f64.add (f64.mul (f64.add (f64.mul (f64.add (f64.mul (f64.add (f64.mul (f64.add (f64.mul (f64.add (f64.mul (f64.const 2.505210838544172e-08) (local.get $r)) (f64.const 2.755731922398589e-07)) (local.get $r)) (f64.const 2.7557319223985893e-06)) (local.get $r)) (f64.const 2.48015873015873e-05)) (local.get $r)) (f64.const 0.0001984126984126984)) (local.get $r)) (f64.const 0.001388888888888889)) (local.get $r)) (f64.const 0.008333333333333333)) (local.get $r)) (f64.const 0.041666666666666664)) (local.get $r)) (f64.const 0.16666666666666666)) (local.get $r)) (f64.const 0.5)) (local.get $r)) (f64.const 1.0)) (local.get $r)) (f64.const 1.0))
      (f64.reinterpret_i64 (i64.shl (i64.add (i64.trunc_f64_s (local.get $k)) (i64.const 1023)) (i64.const 52)))))

  (func $uniform (param $st i32) (result f64)
    (f64.mul (f64.convert_i32_u (call $next (local.get $st))) (f64.const 0x1p-32)))

  ;; The normal of a draw $r that failed the fast test: wedge test, tail, or a redraw.
  (func $slow (param $r i32) (param $st i32) (result f32)
    (local $hz i32) (local $iz i32) (local $sign i32) (local $x f64) (local $y f64)
    (loop $draw (result f32)
      (local.set $hz (i32.shr_s (local.get $r) (i32.const 7)))
      (local.set $iz (i32.shl (i32.and (local.get $r) (i32.const 127)) (i32.const 2)))
      (local.set $sign (i32.shr_s (local.get $hz) (i32.const 31)))
      (if (i32.lt_s (i32.sub (i32.xor (local.get $hz) (local.get $sign)) (local.get $sign))
                    (i32.load offset=128 (local.get $iz)))
        (then (return (f32.mul (f32.convert_i32_s (local.get $hz)) (f32.load offset=640 (local.get $iz))))))
      (if (i32.eqz (local.get $iz))
        (then
          ;; the tail beyond R = 3.442619855899
          (loop $tail
            (local.set $x (f64.div (f64.neg (call $log (f64.sub (f64.const 1) (call $uniform (local.get $st)))))
                                   (f64.const 3.442619855899)))
            (local.set $y (f64.neg (call $log (f64.sub (f64.const 1) (call $uniform (local.get $st))))))
            (br_if $tail (f64.lt (f64.add (local.get $y) (local.get $y)) (f64.mul (local.get $x) (local.get $x)))))
          (return (f32.demote_f64 (select
            (f64.add (f64.const 3.442619855899) (local.get $x))
            (f64.sub (f64.const -3.442619855899) (local.get $x))
            (i32.gt_s (local.get $hz) (i32.const 0)))))))
      (local.set $iz (i32.shl (local.get $iz) (i32.const 1)))
      (local.set $x (f64.mul (f64.convert_i32_s (local.get $hz)) (f64.load offset=1152 (local.get $iz))))
      (if (f64.lt
            (f64.add (f64.load offset=2176 (local.get $iz))
              (f64.mul (call $uniform (local.get $st))
                (f64.sub (f64.load offset=2168 (local.get $iz)) (f64.load offset=2176 (local.get $iz)))))
            (call $exp (f64.mul (f64.const -0.5) (f64.mul (local.get $x) (local.get $x)))))
        (then (return (f32.demote_f64 (local.get $x)))))
      (local.set $r (call $next (local.get $st)))
      (br $draw)))

  ;; out[i] = sigma * N(0, 1) for i < count rounded up to a multiple of 4 (out is 16-byte
  ;; aligned and padded to it), from the generator state at $st.
  (func (export "normals") (param $out i32) (param $count i32) (param $sigma f32) (param $st i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local $a v128) (local $r v128) (local $t v128) (local $hz v128) (local $iz v128)
    (local $n v128) (local $sig v128) (local $end i32)
    (local $i0 i32) (local $i1 i32) (local $i2 i32) (local $i3 i32)
    (local.set $s0 (v128.load (local.get $st)))
    (local.set $s1 (v128.load offset=16 (local.get $st)))
    (local.set $s2 (v128.load offset=32 (local.get $st)))
    (local.set $s3 (v128.load offset=48 (local.get $st)))
    (local.set $sig (f32x4.splat (local.get $sigma)))
    (local.set $end (i32.add (local.get $out)
      (i32.shl (i32.and (i32.add (local.get $count) (i32.const 3)) (i32.const -4)) (i32.const 2))))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $a (i32x4.mul (local.get $s1) (v128.const i32x4 5 5 5 5)))
        (local.set $r (i32x4.mul
          (v128.or (i32x4.shl (local.get $a) (i32.const 7)) (i32x4.shr_u (local.get $a) (i32.const 25)))
          (v128.const i32x4 9 9 9 9)))
        (local.set $t (i32x4.shl (local.get $s1) (i32.const 9)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (v128.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (v128.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (v128.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (v128.or (i32x4.shl (local.get $s3) (i32.const 11)) (i32x4.shr_u (local.get $s3) (i32.const 21))))
        (local.set $hz (i32x4.shr_s (local.get $r) (i32.const 7)))
        (local.set $iz (i32x4.shl (v128.and (local.get $r) (v128.const i32x4 127 127 127 127)) (i32.const 2)))
        (local.set $i0 (i32x4.extract_lane 0 (local.get $iz)))
        (local.set $i1 (i32x4.extract_lane 1 (local.get $iz)))
        (local.set $i2 (i32x4.extract_lane 2 (local.get $iz)))
        (local.set $i3 (i32x4.extract_lane 3 (local.get $iz)))
        (local.set $n (f32x4.mul (f32x4.convert_i32x4_s (local.get $hz))
          (v128.load32_lane offset=640 3 (local.get $i3)
            (v128.load32_lane offset=640 2 (local.get $i2)
              (v128.load32_lane offset=640 1 (local.get $i1)
                (v128.load32_zero offset=640 (local.get $i0)))))))
        (local.set $t (i32x4.lt_s (i32x4.abs (local.get $hz))
          (v128.load32_lane offset=128 3 (local.get $i3)
            (v128.load32_lane offset=128 2 (local.get $i2)
              (v128.load32_lane offset=128 1 (local.get $i1)
                (v128.load32_zero offset=128 (local.get $i0)))))))
        (if (i32.eqz (i32x4.all_true (local.get $t)))
          (then
            (if (i32.eqz (i32x4.extract_lane 0 (local.get $t)))
              (then (local.set $n (f32x4.replace_lane 0 (local.get $n)
                (call $slow (i32x4.extract_lane 0 (local.get $r)) (local.get $st))))))
            (if (i32.eqz (i32x4.extract_lane 1 (local.get $t)))
              (then (local.set $n (f32x4.replace_lane 1 (local.get $n)
                (call $slow (i32x4.extract_lane 1 (local.get $r)) (local.get $st))))))
            (if (i32.eqz (i32x4.extract_lane 2 (local.get $t)))
              (then (local.set $n (f32x4.replace_lane 2 (local.get $n)
                (call $slow (i32x4.extract_lane 2 (local.get $r)) (local.get $st))))))
            (if (i32.eqz (i32x4.extract_lane 3 (local.get $t)))
              (then (local.set $n (f32x4.replace_lane 3 (local.get $n)
                (call $slow (i32x4.extract_lane 3 (local.get $r)) (local.get $st))))))))
        (v128.store (local.get $out) (f32x4.mul (local.get $n) (local.get $sig)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $each)))
    (v128.store (local.get $st) (local.get $s0))
    (v128.store offset=16 (local.get $st) (local.get $s1))
    (v128.store offset=32 (local.get $st) (local.get $s2))
    (v128.store offset=48 (local.get $st) (local.get $s3))))
