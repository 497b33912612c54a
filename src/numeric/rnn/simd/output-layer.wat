;; The RNN's output layer, all steps of a sentence at once, in WebAssembly SIMD (f64x2).
;; Source of output-layer-wasm.ts: `node scripts/build-wasm.mjs` assembles it (wabt).
;;
;; These are the three C×H products that dominate forward + BPTT (C = vocabulary, H = hidden):
;;   logits:          Z[i, t] = V_i · s_t + c_i
;;   output backward: dV_i = Σ_t g[i, t] s_t,  dc_i = Σ_t g[i, t],  dS_t = Σ_i g[i, t] V_i
;; Every output element is summed in exactly the order of the scalar kernels in
;; ../output-layer.ts: the two lanes of a vector are two different outputs (two steps, or
;; two columns), never two halves of one sum. That makes the results bit-identical.
;;
;; Layout (byte offsets and sizes chosen by output-layer-simd.ts):
;;   V  Cp × Hp row-major; rows ≥ C and columns ≥ H are zero
;;   c  Cp;                 ST Hp × Tp: ST[j, t] = s_t[j], zero outside t < T, j < H
;;   S  (T+1) × Hp: row 0 is s_{-1}, row t+1 is s_t;  Z Cp × Tp
;;   dV Cp × Hp; dc Cp; dS T × Hp
;; with Cp a multiple of 4, Hp of 2, Tp of 4. The padding only ever adds exact zeros to sums
;; that start at +0 (such a sum is never −0, so adding ±0 leaves its bits unchanged), and the
;; padded outputs are never read.
(module
  (import "env" "memory" (memory 1))

  ;; Z[i, t] = (Σ_j V[i, j] ST[j, t]) + c[i], j in order from 0. Four rows × four steps per
  ;; block: eight f64x2 accumulators; per j one splat of each row's V[i, j] and two loads of ST.
  (func (export "logits")
        (param $Hp i32) (param $Cp i32) (param $Tp i32)
        (param $V i32) (param $c i32) (param $ST i32) (param $Z i32)
    (local $row i32) (local $rowEnd i32) (local $rowBytes i32) (local $tpBytes i32)
    (local $t i32) (local $s i32) (local $sEnd i32) (local $v i32) (local $z i32) (local $ci i32)
    (local $a00 v128) (local $a01 v128) (local $a10 v128) (local $a11 v128)
    (local $a20 v128) (local $a21 v128) (local $a30 v128) (local $a31 v128)
    (local $x v128) (local $p v128) (local $q v128)
    (local.set $rowBytes (i32.shl (local.get $Hp) (i32.const 3)))
    (local.set $tpBytes (i32.shl (local.get $Tp) (i32.const 3)))
    (local.set $row (local.get $V))
    (local.set $rowEnd (i32.add (local.get $V) (i32.mul (local.get $Cp) (local.get $rowBytes))))
    (local.set $z (local.get $Z))
    (local.set $ci (local.get $c))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $row) (local.get $rowEnd)))
        (local.set $t (i32.const 0))
        (block $stepsDone
          (loop $steps
            (br_if $stepsDone (i32.ge_u (local.get $t) (local.get $tpBytes)))
            (local.set $a00 (v128.const f64x2 0 0)) (local.set $a01 (v128.const f64x2 0 0))
            (local.set $a10 (v128.const f64x2 0 0)) (local.set $a11 (v128.const f64x2 0 0))
            (local.set $a20 (v128.const f64x2 0 0)) (local.set $a21 (v128.const f64x2 0 0))
            (local.set $a30 (v128.const f64x2 0 0)) (local.set $a31 (v128.const f64x2 0 0))
            (local.set $s (i32.add (local.get $ST) (local.get $t)))
            (local.set $sEnd (i32.add (local.get $s) (i32.mul (local.get $Hp) (local.get $tpBytes))))
            (local.set $v (local.get $row))
            (block $dotDone
              (loop $dot
                (br_if $dotDone (i32.ge_u (local.get $s) (local.get $sEnd)))
                ;; p, q: s_t[j] for the four steps; x: V[i + r, j]
                (local.set $p (v128.load (local.get $s)))
                (local.set $q (v128.load offset=16 (local.get $s)))
                (local.set $x (v128.load64_splat (local.get $v)))
                (local.set $a00 (f64x2.add (local.get $a00) (f64x2.mul (local.get $x) (local.get $p))))
                (local.set $a01 (f64x2.add (local.get $a01) (f64x2.mul (local.get $x) (local.get $q))))
                (local.set $x (v128.load64_splat (i32.add (local.get $v) (local.get $rowBytes))))
                (local.set $a10 (f64x2.add (local.get $a10) (f64x2.mul (local.get $x) (local.get $p))))
                (local.set $a11 (f64x2.add (local.get $a11) (f64x2.mul (local.get $x) (local.get $q))))
                (local.set $x (v128.load64_splat (i32.add (local.get $v) (i32.shl (local.get $rowBytes) (i32.const 1)))))
                (local.set $a20 (f64x2.add (local.get $a20) (f64x2.mul (local.get $x) (local.get $p))))
                (local.set $a21 (f64x2.add (local.get $a21) (f64x2.mul (local.get $x) (local.get $q))))
                (local.set $x (v128.load64_splat (i32.add (local.get $v) (i32.mul (local.get $rowBytes) (i32.const 3)))))
                (local.set $a30 (f64x2.add (local.get $a30) (f64x2.mul (local.get $x) (local.get $p))))
                (local.set $a31 (f64x2.add (local.get $a31) (f64x2.mul (local.get $x) (local.get $q))))
                (local.set $s (i32.add (local.get $s) (local.get $tpBytes)))
                (local.set $v (i32.add (local.get $v) (i32.const 8)))
                (br $dot)))
            ;; rows i…i+3 of Z, columns t…t+3, each plus its row's bias
            (local.set $x (v128.load64_splat (local.get $ci)))
            (v128.store (i32.add (local.get $z) (local.get $t)) (f64x2.add (local.get $a00) (local.get $x)))
            (v128.store offset=16 (i32.add (local.get $z) (local.get $t)) (f64x2.add (local.get $a01) (local.get $x)))
            (local.set $s (i32.add (i32.add (local.get $z) (local.get $tpBytes)) (local.get $t)))
            (local.set $x (v128.load64_splat offset=8 (local.get $ci)))
            (v128.store (local.get $s) (f64x2.add (local.get $a10) (local.get $x)))
            (v128.store offset=16 (local.get $s) (f64x2.add (local.get $a11) (local.get $x)))
            (local.set $s (i32.add (local.get $s) (local.get $tpBytes)))
            (local.set $x (v128.load64_splat offset=16 (local.get $ci)))
            (v128.store (local.get $s) (f64x2.add (local.get $a20) (local.get $x)))
            (v128.store offset=16 (local.get $s) (f64x2.add (local.get $a21) (local.get $x)))
            (local.set $s (i32.add (local.get $s) (local.get $tpBytes)))
            (local.set $x (v128.load64_splat offset=24 (local.get $ci)))
            (v128.store (local.get $s) (f64x2.add (local.get $a30) (local.get $x)))
            (v128.store offset=16 (local.get $s) (f64x2.add (local.get $a31) (local.get $x)))
            (local.set $t (i32.add (local.get $t) (i32.const 32)))
            (br $steps)))
        (local.set $row (i32.add (local.get $row) (i32.shl (local.get $rowBytes) (i32.const 2))))
        (local.set $z (i32.add (local.get $z) (i32.shl (local.get $tpBytes) (i32.const 2))))
        (local.set $ci (i32.add (local.get $ci) (i32.const 32)))
        (br $rows)))
  )

  ;; g = o − onehot(y) in Z (columns t < T). Two rows a = i, b = i + 1 per sweep, two columns
  ;; per vector. Per block of four steps, as the scalar kernel writes it:
  ;;   dV_a += (g0 s0 + g1 s1) + (g2 s2 + g3 s3)            (and likewise dV_b)
  ;;   dS_t  = (dS_t + g[a, t] V_a) + g[b, t] V_b         (row a's term first, then row b's:
  ;;                                                       the scalar kernel's order over i)
  ;;   dc_a += ((g0 + g1) + g2) + g3
  ;; then the T mod 4 last steps one at a time. dS_t is loaded and stored once per two rows.
  ;; Rows are taken in order, so the caller may run the rows in chunks (V, Z, dV, dc pointing at
  ;; the chunk's first row, Cp its row count); dS accumulates over the calls and must start zeroed.
  (func (export "outputBackward")
        (param $Hp i32) (param $Cp i32) (param $T i32) (param $Tp i32)
        (param $V i32) (param $S i32) (param $Z i32) (param $dV i32) (param $dc i32) (param $dS i32)
    (local $i i32) (local $t i32) (local $t4 i32) (local $j i32) (local $rowBytes i32)
    (local $va i32) (local $vb i32) (local $dva i32) (local $dvb i32) (local $za i32) (local $zb i32)
    (local $p i32) (local $q i32) (local $ca f64) (local $cb f64)
    (local $A0 v128) (local $A1 v128) (local $A2 v128) (local $A3 v128)
    (local $B0 v128) (local $B1 v128) (local $B2 v128) (local $B3 v128)
    (local $x v128) (local $y v128) (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local.set $rowBytes (i32.shl (local.get $Hp) (i32.const 3)))
    (local.set $t4 (i32.sub (local.get $T) (i32.and (local.get $T) (i32.const 3))))
    (local.set $i (i32.const 0))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $Cp)))
        (local.set $va (i32.add (local.get $V) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $vb (i32.add (local.get $va) (local.get $rowBytes)))
        (local.set $dva (i32.add (local.get $dV) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $dvb (i32.add (local.get $dva) (local.get $rowBytes)))
        (local.set $za (i32.add (local.get $Z) (i32.shl (i32.mul (local.get $i) (local.get $Tp)) (i32.const 3))))
        (local.set $zb (i32.add (local.get $za) (i32.shl (local.get $Tp) (i32.const 3))))
        (memory.fill (local.get $dva) (i32.const 0) (i32.shl (local.get $rowBytes) (i32.const 1)))
        (local.set $ca (f64.const 0))
        (local.set $cb (f64.const 0))
        (local.set $t (i32.const 0))
        (block $blocksDone
          (loop $blocks
            (br_if $blocksDone (i32.ge_u (local.get $t) (local.get $t4)))
            (local.set $ca (f64.add (local.get $ca)
              (f64.add (f64.add (f64.add (f64.load (local.get $za)) (f64.load offset=8 (local.get $za)))
                                (f64.load offset=16 (local.get $za)))
                       (f64.load offset=24 (local.get $za)))))
            (local.set $cb (f64.add (local.get $cb)
              (f64.add (f64.add (f64.add (f64.load (local.get $zb)) (f64.load offset=8 (local.get $zb)))
                                (f64.load offset=16 (local.get $zb)))
                       (f64.load offset=24 (local.get $zb)))))
            (local.set $A0 (v128.load64_splat (local.get $za)))
            (local.set $A1 (v128.load64_splat offset=8 (local.get $za)))
            (local.set $A2 (v128.load64_splat offset=16 (local.get $za)))
            (local.set $A3 (v128.load64_splat offset=24 (local.get $za)))
            (local.set $B0 (v128.load64_splat (local.get $zb)))
            (local.set $B1 (v128.load64_splat offset=8 (local.get $zb)))
            (local.set $B2 (v128.load64_splat offset=16 (local.get $zb)))
            (local.set $B3 (v128.load64_splat offset=24 (local.get $zb)))
            (local.set $j (i32.const 0))
            (block $colsDone
              (loop $cols
                (br_if $colsDone (i32.ge_u (local.get $j) (local.get $rowBytes)))
                ;; s0…s3: s_t…s_{t+3} at columns j, j+1 (rows t+1…t+4 of S)
                (local.set $p (i32.add (i32.add (local.get $S) (i32.mul (i32.add (local.get $t) (i32.const 1)) (local.get $rowBytes))) (local.get $j)))
                (local.set $s0 (v128.load (local.get $p)))
                (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
                (local.set $s1 (v128.load (local.get $p)))
                (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
                (local.set $s2 (v128.load (local.get $p)))
                (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
                (local.set $s3 (v128.load (local.get $p)))
                (v128.store (i32.add (local.get $dva) (local.get $j))
                  (f64x2.add (v128.load (i32.add (local.get $dva) (local.get $j)))
                    (f64x2.add (f64x2.add (f64x2.mul (local.get $A0) (local.get $s0)) (f64x2.mul (local.get $A1) (local.get $s1)))
                               (f64x2.add (f64x2.mul (local.get $A2) (local.get $s2)) (f64x2.mul (local.get $A3) (local.get $s3))))))
                (v128.store (i32.add (local.get $dvb) (local.get $j))
                  (f64x2.add (v128.load (i32.add (local.get $dvb) (local.get $j)))
                    (f64x2.add (f64x2.add (f64x2.mul (local.get $B0) (local.get $s0)) (f64x2.mul (local.get $B1) (local.get $s1)))
                               (f64x2.add (f64x2.mul (local.get $B2) (local.get $s2)) (f64x2.mul (local.get $B3) (local.get $s3))))))
                ;; x, y: V_a, V_b at columns j, j+1; q: dS_t at columns j, j+1
                (local.set $x (v128.load (i32.add (local.get $va) (local.get $j))))
                (local.set $y (v128.load (i32.add (local.get $vb) (local.get $j))))
                (local.set $q (i32.add (i32.add (local.get $dS) (i32.mul (local.get $t) (local.get $rowBytes))) (local.get $j)))
                (v128.store (local.get $q) (f64x2.add (f64x2.add (v128.load (local.get $q)) (f64x2.mul (local.get $A0) (local.get $x))) (f64x2.mul (local.get $B0) (local.get $y))))
                (local.set $q (i32.add (local.get $q) (local.get $rowBytes)))
                (v128.store (local.get $q) (f64x2.add (f64x2.add (v128.load (local.get $q)) (f64x2.mul (local.get $A1) (local.get $x))) (f64x2.mul (local.get $B1) (local.get $y))))
                (local.set $q (i32.add (local.get $q) (local.get $rowBytes)))
                (v128.store (local.get $q) (f64x2.add (f64x2.add (v128.load (local.get $q)) (f64x2.mul (local.get $A2) (local.get $x))) (f64x2.mul (local.get $B2) (local.get $y))))
                (local.set $q (i32.add (local.get $q) (local.get $rowBytes)))
                (v128.store (local.get $q) (f64x2.add (f64x2.add (v128.load (local.get $q)) (f64x2.mul (local.get $A3) (local.get $x))) (f64x2.mul (local.get $B3) (local.get $y))))
                (local.set $j (i32.add (local.get $j) (i32.const 16)))
                (br $cols)))
            (local.set $za (i32.add (local.get $za) (i32.const 32)))
            (local.set $zb (i32.add (local.get $zb) (i32.const 32)))
            (local.set $t (i32.add (local.get $t) (i32.const 4)))
            (br $blocks)))
        ;; the last T mod 4 steps, one at a time: dV += g s_t, dS_t = (dS_t + g_a V_a) + g_b V_b
        (block $tailDone
          (loop $tail
            (br_if $tailDone (i32.ge_u (local.get $t) (local.get $T)))
            (local.set $ca (f64.add (local.get $ca) (f64.load (local.get $za))))
            (local.set $cb (f64.add (local.get $cb) (f64.load (local.get $zb))))
            (local.set $A0 (v128.load64_splat (local.get $za)))
            (local.set $B0 (v128.load64_splat (local.get $zb)))
            (local.set $j (i32.const 0))
            (block $colsDone1
              (loop $cols1
                (br_if $colsDone1 (i32.ge_u (local.get $j) (local.get $rowBytes)))
                (local.set $s0 (v128.load (i32.add (i32.add (local.get $S) (i32.mul (i32.add (local.get $t) (i32.const 1)) (local.get $rowBytes))) (local.get $j))))
                (v128.store (i32.add (local.get $dva) (local.get $j))
                  (f64x2.add (v128.load (i32.add (local.get $dva) (local.get $j))) (f64x2.mul (local.get $A0) (local.get $s0))))
                (v128.store (i32.add (local.get $dvb) (local.get $j))
                  (f64x2.add (v128.load (i32.add (local.get $dvb) (local.get $j))) (f64x2.mul (local.get $B0) (local.get $s0))))
                (local.set $q (i32.add (i32.add (local.get $dS) (i32.mul (local.get $t) (local.get $rowBytes))) (local.get $j)))
                (v128.store (local.get $q)
                  (f64x2.add (f64x2.add (v128.load (local.get $q)) (f64x2.mul (local.get $A0) (v128.load (i32.add (local.get $va) (local.get $j)))))
                             (f64x2.mul (local.get $B0) (v128.load (i32.add (local.get $vb) (local.get $j))))))
                (local.set $j (i32.add (local.get $j) (i32.const 16)))
                (br $cols1)))
            (local.set $za (i32.add (local.get $za) (i32.const 8)))
            (local.set $zb (i32.add (local.get $zb) (i32.const 8)))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $tail)))
        (f64.store (i32.add (local.get $dc) (i32.shl (local.get $i) (i32.const 3))) (local.get $ca))
        (f64.store offset=8 (i32.add (local.get $dc) (i32.shl (local.get $i) (i32.const 3))) (local.get $cb))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $rows)))
  )
)
