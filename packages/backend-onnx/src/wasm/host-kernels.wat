;; The host-side kernels of the onnx backend, in 4-wide SIMD over one shared memory, so that the
;; host thread and its worker threads (see host-threads.ts) each take chunks of the same job.
;; Every job export has the signature (desc, chunk, scratch): `desc` points at the job's
;; parameters, `chunk` is the index of the piece to compute, `scratch` is the calling thread's
;; own 128 bytes. Chunks never write outside their own range, and no job writes its own input,
;; so a chunk can be computed by any thread, or again, with the same result.
;;
;; Normals: Marsaglia & Tsang's ziggurat with 256 layers on four interleaved xoshiro128**
;; streams, one per lane: the low 8 bits of a lane's 32-bit draw pick the layer, the signed upper
;; 24 the point. A lane that fails the fast test takes the wedge or tail test here too, with
;; uniforms and redraws from a fifth, scalar xoshiro128** stream; only the rare tail calls the
;; host's log. 256 layers rather than random/ziggurat.ts's 128 halve how often a vector of four
;; has a lane off the fast path (about 1 in 17 instead of 1 in 9.4), which is where the time goes.
;; Each chunk seeds its own streams from the job's 128-bit key and the chunk index, so the
;; numbers do not depend on which thread draws which chunk.
;;
;; Memory (bytes): 128..1152 kn, the fast-test bounds (i32 x 256); 1152..2176 wn as f32 (fast
;; path); 2176..4224 wn as f64; 4224..6272 fn, the layer densities (f64 x 256); from 8192 each
;; thread's 128 bytes of scratch (the $st of a job: 8192 + 128 t), from 12800 each thread's 4 KB
;; side area (12800 + 4096 t; see $normals). A generator state is 80 bytes: the lanes' s0..s3
;; (one v128 each), then the scalar stream's s0..s3.
(module
  (import "env" "memory" (memory 1 16384 shared))
  (import "math" "log" (func $log (param f64) (result f64)))

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
  ;; Taylor series to r^9 (relative error below 1e-11) in Estrin's scheme, which keeps the
  ;; chain of dependent operations short; 2^k from the exponent bits.
  (func $exp (param $y f64) (result f64)
    (local $k f64) (local $r f64) (local $r2 f64) (local $r4 f64)
    (local.set $k (f64.nearest (f64.mul (local.get $y) (f64.const 1.4426950408889634))))
    (local.set $r (f64.sub (f64.sub (local.get $y) (f64.mul (local.get $k) (f64.const 0.6931471803691238)))
                           (f64.mul (local.get $k) (f64.const 1.9082149292705877e-10))))
    (local.set $r2 (f64.mul (local.get $r) (local.get $r)))
    (local.set $r4 (f64.mul (local.get $r2) (local.get $r2)))
    (f64.mul
      (f64.add
        (f64.add
          (f64.add (f64.add (f64.const 1) (local.get $r))
            (f64.mul (local.get $r2) (f64.add (f64.const 0.5) (f64.mul (local.get $r) (f64.const 0.16666666666666666)))))
          (f64.mul (local.get $r4)
            (f64.add (f64.add (f64.const 0.041666666666666664) (f64.mul (local.get $r) (f64.const 0.008333333333333333)))
              (f64.mul (local.get $r2) (f64.add (f64.const 0.001388888888888889) (f64.mul (local.get $r) (f64.const 0.0001984126984126984)))))))
        (f64.mul (f64.mul (local.get $r4) (local.get $r4))
          (f64.add (f64.const 2.48015873015873e-05) (f64.mul (local.get $r) (f64.const 2.7557319223985893e-06)))))
      (f64.reinterpret_i64 (i64.shl (i64.add (i64.trunc_f64_s (local.get $k)) (i64.const 1023)) (i64.const 52)))))

  (func $uniform (param $st i32) (result f64)
    (f64.mul (f64.convert_i32_u (call $next (local.get $st))) (f64.const 0x1p-32)))

  ;; The normal of a draw $r that failed the fast test: wedge test, tail, or a redraw.
  (func $slow (param $r i32) (param $st i32) (result f32)
    (local $hz i32) (local $iz i32) (local $sign i32) (local $x f64) (local $y f64)
    (loop $draw (result f32)
      (local.set $hz (i32.shr_s (local.get $r) (i32.const 8)))
      (local.set $iz (i32.shl (i32.and (local.get $r) (i32.const 255)) (i32.const 2)))
      (local.set $sign (i32.shr_s (local.get $hz) (i32.const 31)))
      (if (i32.lt_s (i32.sub (i32.xor (local.get $hz) (local.get $sign)) (local.get $sign))
                    (i32.load offset=128 (local.get $iz)))
        (then (return (f32.mul (f32.convert_i32_s (local.get $hz)) (f32.load offset=1152 (local.get $iz))))))
      (if (i32.eqz (local.get $iz))
        (then
          ;; the tail beyond R = 3.6541528853610088
          (loop $tail
            (local.set $x (f64.div (f64.neg (call $log (f64.sub (f64.const 1) (call $uniform (local.get $st)))))
                                   (f64.const 3.6541528853610088)))
            (local.set $y (f64.neg (call $log (f64.sub (f64.const 1) (call $uniform (local.get $st))))))
            (br_if $tail (f64.lt (f64.add (local.get $y) (local.get $y)) (f64.mul (local.get $x) (local.get $x)))))
          (return (f32.demote_f64 (select
            (f64.add (f64.const 3.6541528853610088) (local.get $x))
            (f64.sub (f64.const -3.6541528853610088) (local.get $x))
            (i32.gt_s (local.get $hz) (i32.const 0)))))))
      (local.set $iz (i32.shl (local.get $iz) (i32.const 1)))
      (local.set $x (f64.mul (f64.convert_i32_s (local.get $hz)) (f64.load offset=2176 (local.get $iz))))
      (if (f64.lt
            (f64.add (f64.load offset=4224 (local.get $iz))
              (f64.mul (call $uniform (local.get $st))
                (f64.sub (f64.load offset=4216 (local.get $iz)) (f64.load offset=4224 (local.get $iz)))))
            (call $exp (f64.mul (f64.const -0.5) (f64.mul (local.get $x) (local.get $x)))))
        (then (return (f32.demote_f64 (local.get $x)))))
      (local.set $r (call $next (local.get $st)))
      (br $draw)))

  ;; murmur3's 32-bit finaliser: a bijection that mixes every input bit into every output bit
  (func $fmix (param $h i32) (result i32)
    (local.set $h (i32.mul (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))) (i32.const 0x85ebca6b)))
    (local.set $h (i32.mul (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 13))) (i32.const 0xc2b2ae35)))
    (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))

  ;; The generator state at $st for chunk $c of the job whose 4-word key is at $key.
  (func $seed (param $st i32) (param $key i32) (param $c i32)
    (local $i i32)
    (loop $each
      (i32.store (i32.add (local.get $st) (i32.shl (local.get $i) (i32.const 2)))
        (call $fmix (i32.xor
          (call $fmix (i32.xor
            (i32.load (i32.add (local.get $key) (i32.shl (i32.and (local.get $i) (i32.const 3)) (i32.const 2))))
            (i32.mul (local.get $i) (i32.const 0x9e3779b9))))
          (i32.mul (i32.add (local.get $c) (i32.const 1)) (i32.const 0x632be5ab)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $each (i32.lt_u (local.get $i) (i32.const 20))))
    ;; odd s3 words, so that no stream starts all-zero
    (v128.store offset=48 (local.get $st) (v128.or (v128.load offset=48 (local.get $st)) (v128.const i32x4 1 1 1 1)))
    (i32.store offset=76 (local.get $st) (i32.or (i32.load offset=76 (local.get $st)) (i32.const 1))))

  ;; The lanes of the vectors $normals kept in a side area ($bytes of draws, then their places at
  ;; offset 2048) that failed the fast test: their normals through the wedge, tail or redraw, in
  ;; the order they were drawn, so the scalar stream is used as if each lane had been finished in
  ;; place. Lanes at or past $end are left alone.
  (func $finish_lanes (param $side i32) (param $bytes i32) (param $end i32) (param $sigma f32) (param $st i32)
    (local $k i32) (local $q i32) (local $p i32) (local $r i32) (local $hz i32)
    (block $done
      (loop $vectors
        (br_if $done (i32.ge_u (local.get $k) (local.get $bytes)))
        (local.set $p (i32.load offset=2048 (i32.add (local.get $side) (i32.shr_u (local.get $k) (i32.const 2)))))
        (local.set $q (i32.const 0))
        (loop $lanes
          (local.set $r (i32.load (i32.add (i32.add (local.get $side) (local.get $k)) (local.get $q))))
          (local.set $hz (i32.shr_s (local.get $r) (i32.const 8)))
          (if (i32.and
                (i32.lt_u (i32.add (local.get $p) (local.get $q)) (local.get $end))
                (i32.ge_s (i32.sub (i32.xor (local.get $hz) (i32.shr_s (local.get $hz) (i32.const 31))) (i32.shr_s (local.get $hz) (i32.const 31)))
                          (i32.load offset=128 (i32.shl (i32.and (local.get $r) (i32.const 255)) (i32.const 2)))))
            (then (f32.store (i32.add (local.get $p) (local.get $q))
              (f32.mul (call $slow (local.get $r) (local.get $st)) (local.get $sigma)))))
          (local.set $q (i32.add (local.get $q) (i32.const 4)))
          (br_if $lanes (i32.lt_u (local.get $q) (i32.const 16))))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $vectors))))

  ;; out[i] = sigma * N(0, 1) for i < count (out 4-byte aligned), from the generator state at $st.
  ;; Blocks of 128 vectors: a vector with a lane off the fast path is stored as it is, its draws
  ;; kept in the thread's side area, and finished after the block ($finish_lanes), so the vector
  ;; loop has no branch that mispredicts and no call.
  (func $normals (param $out i32) (param $count i32) (param $sigma f32) (param $st i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local $a v128) (local $r v128) (local $t v128) (local $hz v128) (local $iz v128)
    (local $n v128) (local $sig v128) (local $end i32)
    (local $i0 i32) (local $i1 i32) (local $i2 i32) (local $i3 i32) (local $side i32) (local $stop i32) (local $kept i32)
    (local.set $s0 (v128.load (local.get $st)))
    (local.set $s1 (v128.load offset=16 (local.get $st)))
    (local.set $s2 (v128.load offset=32 (local.get $st)))
    (local.set $s3 (v128.load offset=48 (local.get $st)))
    (local.set $sig (f32x4.splat (local.get $sigma)))
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 2))))
    (local.set $side (i32.add (i32.const 12800) (i32.shl (i32.sub (local.get $st) (i32.const 8192)) (i32.const 5))))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $stop (call $min (local.get $end) (i32.add (local.get $out) (i32.const 2048))))
        (local.set $kept (i32.const 0))
      (loop $each
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
        (local.set $hz (i32x4.shr_s (local.get $r) (i32.const 8)))
        (local.set $iz (i32x4.shl (v128.and (local.get $r) (v128.const i32x4 255 255 255 255)) (i32.const 2)))
        (local.set $i0 (i32x4.extract_lane 0 (local.get $iz)))
        (local.set $i1 (i32x4.extract_lane 1 (local.get $iz)))
        (local.set $i2 (i32x4.extract_lane 2 (local.get $iz)))
        (local.set $i3 (i32x4.extract_lane 3 (local.get $iz)))
        (local.set $n (f32x4.mul (f32x4.convert_i32x4_s (local.get $hz))
          (v128.load32_lane offset=1152 3 (local.get $i3)
            (v128.load32_lane offset=1152 2 (local.get $i2)
              (v128.load32_lane offset=1152 1 (local.get $i1)
                (v128.load32_zero offset=1152 (local.get $i0)))))))
        (local.set $t (i32x4.lt_s (i32x4.abs (local.get $hz))
          (v128.load32_lane offset=128 3 (local.get $i3)
            (v128.load32_lane offset=128 2 (local.get $i2)
              (v128.load32_lane offset=128 1 (local.get $i1)
                (v128.load32_zero offset=128 (local.get $i0)))))))
        ;; a vector with a lane off the fast path is finished after the block: keep its draws
        (v128.store (i32.add (local.get $side) (local.get $kept)) (local.get $r))
        (i32.store offset=2048 (i32.add (local.get $side) (i32.shr_u (local.get $kept) (i32.const 2))) (local.get $out))
        (local.set $kept (i32.add (local.get $kept) (i32.shl (i32.eqz (i32x4.all_true (local.get $t))) (i32.const 4))))
        (local.set $n (f32x4.mul (local.get $n) (local.get $sig)))
        (if (i32.ge_u (i32.sub (local.get $end) (local.get $out)) (i32.const 16))
          (then (v128.store (local.get $out) (local.get $n)))
          (else
            ;; the last 1 to 3 values
            (v128.store32_lane 0 (local.get $out) (local.get $n))
            (if (i32.gt_u (i32.sub (local.get $end) (local.get $out)) (i32.const 4))
              (then (v128.store32_lane offset=4 1 (local.get $out) (local.get $n))))
            (if (i32.gt_u (i32.sub (local.get $end) (local.get $out)) (i32.const 8))
              (then (v128.store32_lane offset=8 2 (local.get $out) (local.get $n))))))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br_if $each (i32.lt_u (local.get $out) (local.get $stop))))
        (call $finish_lanes (local.get $side) (local.get $kept) (local.get $end) (local.get $sigma) (local.get $st))
        (br $blocks)))
    (v128.store (local.get $st) (local.get $s0))
    (v128.store offset=16 (local.get $st) (local.get $s1))
    (v128.store offset=32 (local.get $st) (local.get $s2))
    (v128.store offset=48 (local.get $st) (local.get $s3)))

  (func $min (param $a i32) (param $b i32) (result i32)
    (select (local.get $a) (local.get $b) (i32.lt_u (local.get $a) (local.get $b))))

  ;; Job: normals. desc: out, length, sigma (f32), -, key (4 words). Chunk c fills
  ;; out[16384 c, 16384 (c + 1)) (up to length).
  (func (export "normals_chunk") (param $desc i32) (param $c i32) (param $st i32)
    (local $start i32)
    (local.set $start (i32.shl (local.get $c) (i32.const 14)))
    (call $seed (local.get $st) (i32.add (local.get $desc) (i32.const 16)) (local.get $c))
    (call $normals
      (i32.add (i32.load (local.get $desc)) (i32.shl (local.get $start) (i32.const 2)))
      (call $min (i32.const 16384) (i32.sub (i32.load offset=4 (local.get $desc)) (local.get $start)))
      (f32.load offset=8 (local.get $desc))
      (local.get $st)))

  ;; Job: the largest |x| of each row (NaN when the row holds a NaN, so that a row's maximum is
  ;; finite exactly when all its values are). desc: x, rows, n, rows per chunk, out (f32 per row).
  ;; The maximum is taken over the bits of |x| as integers: they order like the values, with the
  ;; infinities above every finite value and NaNs above the infinities.
  (func (export "abs_max_rows") (param $desc i32) (param $c i32) (param $st i32)
    (local $row i32) (local $last i32) (local $p i32) (local $end i32) (local $m v128) (local $a v128)
    (local.set $row (i32.mul (local.get $c) (i32.load offset=12 (local.get $desc))))
    (local.set $last (call $min (i32.load offset=4 (local.get $desc)) (i32.add (local.get $row) (i32.load offset=12 (local.get $desc)))))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $row) (local.get $last)))
        (local.set $p (i32.add (i32.load (local.get $desc))
          (i32.shl (i32.mul (local.get $row) (i32.load offset=8 (local.get $desc))) (i32.const 2))))
        (local.set $end (i32.add (local.get $p) (i32.shl (i32.load offset=8 (local.get $desc)) (i32.const 2))))
        (local.set $m (v128.const i32x4 0 0 0 0))
        (block $done
          (loop $each
            (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
            (if (i32.ge_u (i32.sub (local.get $end) (local.get $p)) (i32.const 16))
              (then
                (local.set $a (v128.load (local.get $p)))
                (local.set $p (i32.add (local.get $p) (i32.const 16))))
              (else
                (local.set $a (v128.load32_zero (local.get $p)))
                (local.set $p (i32.add (local.get $p) (i32.const 4)))))
            (local.set $m (i32x4.max_u (local.get $m) (v128.and (local.get $a) (v128.const i32x4 0x7fffffff 0x7fffffff 0x7fffffff 0x7fffffff))))
            (br $each)))
        (i32.store
          (i32.add (i32.load offset=16 (local.get $desc)) (i32.shl (local.get $row) (i32.const 2)))
          (call $max_u (call $max_u (i32x4.extract_lane 0 (local.get $m)) (i32x4.extract_lane 1 (local.get $m)))
                       (call $max_u (i32x4.extract_lane 2 (local.get $m)) (i32x4.extract_lane 3 (local.get $m)))))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $rows))))

  (func $max_u (param $a i32) (param $b i32) (result i32)
    (select (local.get $a) (local.get $b) (i32.gt_u (local.get $a) (local.get $b))))

  ;; The DAC and ADC quantise in line, `round(a / step) * step` (half to even) selected by the
  ;; mask of step > 0, with no branch: V8 does not inline wasm calls, and a call per vector took
  ;; 40% of those jobs.
  ;; Job: the DAC stage. desc: x, v, rows, n, rows per chunk, scales (f32 per row), step (f32),
  ;; bound (f32). v = clip(quantize(x scale), -bound, bound), row by row, in float32.
  (func (export "dac_rows") (param $desc i32) (param $c i32) (param $st i32)
    (local $row i32) (local $last i32) (local $o i32) (local $end i32) (local $x i32) (local $v i32)
    (local $a v128) (local $scale v128) (local $step v128) (local $hi v128) (local $lo v128) (local $on v128)
    (local.set $step (f32x4.splat (f32.load offset=24 (local.get $desc))))
    (local.set $on (f32x4.gt (local.get $step) (v128.const f32x4 0 0 0 0)))
    (local.set $hi (f32x4.splat (f32.load offset=28 (local.get $desc))))
    (local.set $lo (f32x4.neg (local.get $hi)))
    (local.set $end (i32.shl (i32.load offset=12 (local.get $desc)) (i32.const 2)))
    (local.set $row (i32.mul (local.get $c) (i32.load offset=16 (local.get $desc))))
    (local.set $last (call $min (i32.load offset=8 (local.get $desc)) (i32.add (local.get $row) (i32.load offset=16 (local.get $desc)))))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $row) (local.get $last)))
        (local.set $x (i32.add (i32.load (local.get $desc)) (i32.mul (local.get $row) (local.get $end))))
        (local.set $v (i32.add (i32.load offset=4 (local.get $desc)) (i32.mul (local.get $row) (local.get $end))))
        (local.set $scale (v128.load32_splat
          (i32.add (i32.load offset=20 (local.get $desc)) (i32.shl (local.get $row) (i32.const 2)))))
        (local.set $o (i32.const 0))
        (block $done
          (loop $each
            (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
            (if (i32.ge_u (i32.sub (local.get $end) (local.get $o)) (i32.const 16))
              (then (local.set $a (v128.load (i32.add (local.get $x) (local.get $o)))))
              (else (local.set $a (v128.load32_zero (i32.add (local.get $x) (local.get $o))))))
            (local.set $a (f32x4.mul (local.get $a) (local.get $scale)))
            (local.set $a (v128.bitselect
              (f32x4.mul (f32x4.nearest (f32x4.div (local.get $a) (local.get $step))) (local.get $step))
              (local.get $a) (local.get $on)))
            (local.set $a (f32x4.pmin (f32x4.pmax (local.get $a) (local.get $lo)) (local.get $hi)))
            (if (i32.ge_u (i32.sub (local.get $end) (local.get $o)) (i32.const 16))
              (then
                (v128.store (i32.add (local.get $v) (local.get $o)) (local.get $a))
                (local.set $o (i32.add (local.get $o) (i32.const 16))))
              (else
                (v128.store32_lane 0 (i32.add (local.get $v) (local.get $o)) (local.get $a))
                (local.set $o (i32.add (local.get $o) (i32.const 4)))))
            (br $each)))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $rows))))

  ;; The ADC's noise of chunk c: sigma N(0, 1) into the chunk's rows of the buffer at $to (rows of
  ;; n values, like out), from the job's key.
  (func $draw_adc_noise (param $desc i32) (param $c i32) (param $st i32) (param $to i32)
    (local $row i32)
    (local.set $row (i32.mul (local.get $c) (i32.load offset=16 (local.get $desc))))
    (call $seed (local.get $st) (i32.add (local.get $desc) (i32.const 48)) (local.get $c))
    (call $normals
      (i32.add (local.get $to)
        (i32.shl (i32.mul (local.get $row) (i32.load offset=12 (local.get $desc))) (i32.const 2)))
      (i32.mul
        (i32.sub (call $min (i32.load offset=8 (local.get $desc)) (i32.add (local.get $row) (i32.load offset=16 (local.get $desc))))
          (local.get $row))
        (i32.load offset=12 (local.get $desc)))
      (f32.load offset=20 (local.get $desc))
      (local.get $st)))

  ;; Chunk claims of an ADC's noise drawn ahead by the background thread (one i32 per chunk):
  ;; 0 not drawn, 1 being drawn, 2 drawn (or taken by the ADC), 3 cancelled (by the host, before
  ;; it reuses the memory). The background draw (adc_rows' desc): draws chunk c into the noise
  ;; buffer unless someone claimed it first; 1 when it drew the chunk, 0 when the chunk was taken
  ;; (the ADC has started and takes the rest).
  (func (export "adc_noise_ahead") (param $desc i32) (param $c i32) (param $st i32) (result i32)
    (local $claim i32)
    (local.set $claim (i32.add (i32.load offset=44 (local.get $desc)) (i32.shl (local.get $c) (i32.const 2))))
    (if (i32.atomic.rmw.cmpxchg (local.get $claim) (i32.const 0) (i32.const 1))
      (then (return (i32.const 0))))
    (call $draw_adc_noise (local.get $desc) (local.get $c) (local.get $st) (i32.load offset=64 (local.get $desc)))
    (i32.atomic.store (local.get $claim) (i32.const 2))
    (i32.const 1))

  ;; Where the ADC finds chunk c's noise: the noise buffer when the background thread has drawn
  ;; it (claim 2), else out, where it is drawn here. That includes a chunk the background thread
  ;; is still drawing (claim 1): waiting for a thread of the lowest priority while this one holds
  ;; a core would wait for the other threads' chunks too, so this thread draws the same numbers.
  (func $adc_noise (param $desc i32) (param $c i32) (param $st i32) (result i32)
    (local $claims i32)
    (local.set $claims (i32.load offset=44 (local.get $desc)))
    (if (local.get $claims)
      (then
        (if (i32.eq (i32.const 2) (i32.atomic.rmw.cmpxchg
              (i32.add (local.get $claims) (i32.shl (local.get $c) (i32.const 2))) (i32.const 0) (i32.const 2)))
          (then (return (i32.load offset=64 (local.get $desc)))))))
    (call $draw_adc_noise (local.get $desc) (local.get $c) (local.get $st) (i32.load offset=4 (local.get $desc)))
    (i32.load offset=4 (local.get $desc)))

  ;; Job: the ADC stage. desc: y, out, rows, n, rows per chunk, sigma (f32), step (f32), bound
  ;; (f32), test |y| (i32), factors (f32 per row), failed (i32 per row), claims (0: none), key
  ;; (4 words), noise buffer, y being copied in (i32), rows of y copied so far. a = quantize(y +
  ;; sigma N(0, 1)); failed = max(a) (or max |a|) > bound; out = clip(a, -bound, bound) factor,
  ;; row by row, in float32. The noise of chunk c is in its rows of the noise buffer or drawn into
  ;; its rows of out first (see $adc_noise).
  (func (export "adc_rows") (param $desc i32) (param $c i32) (param $st i32)
    (local $row i32) (local $last i32) (local $o i32) (local $end i32) (local $y i32) (local $out i32)
    (local $a v128) (local $m v128) (local $factor v128) (local $step v128) (local $hi v128) (local $lo v128)
    (local $abs v128) (local $on v128) (local $noisy i32) (local $noise i32) (local $nz i32)
    (local.set $step (f32x4.splat (f32.load offset=24 (local.get $desc))))
    (local.set $on (f32x4.gt (local.get $step) (v128.const f32x4 0 0 0 0)))
    (local.set $noisy (f32.gt (f32.load offset=20 (local.get $desc)) (f32.const 0)))
    (local.set $hi (f32x4.splat (f32.load offset=28 (local.get $desc))))
    (local.set $lo (f32x4.neg (local.get $hi)))
    (local.set $abs (i32x4.splat (i32.sub (i32.const 0) (i32.ne (i32.load offset=32 (local.get $desc)) (i32.const 0)))))
    (local.set $end (i32.shl (i32.load offset=12 (local.get $desc)) (i32.const 2)))
    (local.set $row (i32.mul (local.get $c) (i32.load offset=16 (local.get $desc))))
    (local.set $last (call $min (i32.load offset=8 (local.get $desc)) (i32.add (local.get $row) (i32.load offset=16 (local.get $desc)))))
    (if (local.get $noisy) (then (local.set $noise (call $adc_noise (local.get $desc) (local.get $c) (local.get $st)))))
    ;; while the host copies y in, a chunk waits for its rows
    (if (i32.load offset=68 (local.get $desc))
      (then (loop $copying
        (br_if $copying (i32.lt_u (i32.atomic.load offset=72 (local.get $desc)) (local.get $last))))))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $row) (local.get $last)))
        (local.set $y (i32.add (i32.load (local.get $desc)) (i32.mul (local.get $row) (local.get $end))))
        (local.set $out (i32.add (i32.load offset=4 (local.get $desc)) (i32.mul (local.get $row) (local.get $end))))
        (local.set $nz (i32.add (local.get $noise) (i32.mul (local.get $row) (local.get $end))))
        (local.set $factor (v128.load32_splat
          (i32.add (i32.load offset=36 (local.get $desc)) (i32.shl (local.get $row) (i32.const 2)))))
        (local.set $m (v128.const i32x4 0 0 0 0))
        (local.set $o (i32.const 0))
        (block $done
          (loop $each
            (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
            (if (i32.ge_u (i32.sub (local.get $end) (local.get $o)) (i32.const 16))
              (then
                (local.set $a (v128.load (i32.add (local.get $y) (local.get $o))))
                (if (local.get $noisy)
                  (then (local.set $a (f32x4.add (local.get $a) (v128.load (i32.add (local.get $nz) (local.get $o))))))))
              (else
                (local.set $a (v128.load32_zero (i32.add (local.get $y) (local.get $o))))
                (if (local.get $noisy)
                  (then (local.set $a (f32x4.add (local.get $a) (v128.load32_zero (i32.add (local.get $nz) (local.get $o)))))))))
            (local.set $a (v128.bitselect
              (f32x4.mul (f32x4.nearest (f32x4.div (local.get $a) (local.get $step))) (local.get $step))
              (local.get $a) (local.get $on)))
            (local.set $m (f32x4.pmax (local.get $m) (v128.bitselect (f32x4.abs (local.get $a)) (local.get $a) (local.get $abs))))
            (local.set $a (f32x4.mul (f32x4.pmin (f32x4.pmax (local.get $a) (local.get $lo)) (local.get $hi)) (local.get $factor)))
            (if (i32.ge_u (i32.sub (local.get $end) (local.get $o)) (i32.const 16))
              (then
                (v128.store (i32.add (local.get $out) (local.get $o)) (local.get $a))
                (local.set $o (i32.add (local.get $o) (i32.const 16))))
              (else
                (v128.store32_lane 0 (i32.add (local.get $out) (local.get $o)) (local.get $a))
                (local.set $o (i32.add (local.get $o) (i32.const 4)))))
            (br $each)))
        (i32.store
          (i32.add (i32.load offset=40 (local.get $desc)) (i32.shl (local.get $row) (i32.const 2)))
          (f32.gt
            (f32.max (f32.max (f32x4.extract_lane 0 (local.get $m)) (f32x4.extract_lane 1 (local.get $m)))
                     (f32.max (f32x4.extract_lane 2 (local.get $m)) (f32x4.extract_lane 3 (local.get $m))))
            (f32.load offset=28 (local.get $desc))))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $rows)))))
