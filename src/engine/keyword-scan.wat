;; The prefilter's keyword search: which of up to 32 keywords occur in a buffer, in one pass.
;;
;; A Teddy-style SIMD filter (after Hyperscan's and the Rust regex crate's literal searcher):
;; every keyword has a 3-byte fingerprint and one of 8 buckets. For each fingerprint byte j
;; there are two 16-byte tables, indexed by a byte's low and high nibble, whose entries hold the
;; bits of the buckets with a keyword whose fingerprint byte j has that nibble. Sixteen input
;; positions are tested at once with six table lookups (i8x16.swizzle) and ANDs; a position
;; with a bucket bit left is a candidate, checked byte by byte against that bucket's keywords.
;; A keyword once found drops out of the tables, so a word that is everywhere in a file (token
;; in ML code) costs one check, not one per occurrence.
;;
;; Memory layout (written by src/engine/keywords.ts, which holds the same offsets):
;;   0..95     the six nibble tables, rebuilt by $build from the keywords still wanted
;;   96..111   scratch: the lane results of the candidate block
;;   128..383  32 keyword records of 8 bytes: bucket bit (u8), fingerprint offset in the keyword
;;             (u8), keyword length (u8), unused (u8), address of the keyword's bytes (u32)
;;   384..415  8 bucket masks (u32): the keywords of each bucket, one bit per keyword
;;   1024..    the keywords' bytes
;;   65536..   the input, then 32 bytes of any content that the last block's loads may read
;;
;; Rebuild src/engine/keyword-scan-binary.ts after a change: npm run generate.
(module
  (memory (export "memory") 2)

  ;; Rebuilds the nibble tables and bucket masks from the keywords in $wanted.
  (func $build (param $count i32) (param $wanted i32)
    (local $k i32) (local $rec i32) (local $bit i32) (local $at i32) (local $j i32) (local $c i32) (local $slot i32)
    (v128.store (i32.const 0) (v128.const i64x2 0 0))
    (v128.store (i32.const 16) (v128.const i64x2 0 0))
    (v128.store (i32.const 32) (v128.const i64x2 0 0))
    (v128.store (i32.const 48) (v128.const i64x2 0 0))
    (v128.store (i32.const 64) (v128.const i64x2 0 0))
    (v128.store (i32.const 80) (v128.const i64x2 0 0))
    (v128.store (i32.const 384) (v128.const i64x2 0 0))
    (v128.store (i32.const 400) (v128.const i64x2 0 0))
    (local.set $k (i32.const 0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k) (local.get $count)))
        (if (i32.and (local.get $wanted) (i32.shl (i32.const 1) (local.get $k)))
          (then
            (local.set $rec (i32.add (i32.const 128) (i32.shl (local.get $k) (i32.const 3))))
            (local.set $bit (i32.load8_u (local.get $rec)))
            (local.set $slot (i32.add (i32.const 384) (i32.shl (i32.ctz (local.get $bit)) (i32.const 2))))
            (i32.store (local.get $slot) (i32.or (i32.load (local.get $slot)) (i32.shl (i32.const 1) (local.get $k))))
            (local.set $at (i32.add (i32.load (i32.add (local.get $rec) (i32.const 4)))
                                    (i32.load8_u (i32.add (local.get $rec) (i32.const 1)))))
            (local.set $j (i32.const 0))
            (loop $byte
              (local.set $c (i32.load8_u (i32.add (local.get $at) (local.get $j))))
              (local.set $slot (i32.add (i32.shl (local.get $j) (i32.const 5)) (i32.and (local.get $c) (i32.const 15))))
              (i32.store8 (local.get $slot) (i32.or (i32.load8_u (local.get $slot)) (local.get $bit)))
              (local.set $slot (i32.add (i32.add (i32.shl (local.get $j) (i32.const 5)) (i32.const 16)) (i32.shr_u (local.get $c) (i32.const 4))))
              (i32.store8 (local.get $slot) (i32.or (i32.load8_u (local.get $slot)) (local.get $bit)))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br_if $byte (i32.lt_u (local.get $j) (i32.const 3))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next))))

  ;; Whether keyword $k occurs with its fingerprint at $p.
  (func $verify (param $ptr i32) (param $len i32) (param $p i32) (param $k i32) (result i32)
    (local $rec i32) (local $start i32) (local $n i32) (local $data i32) (local $i i32)
    (local.set $rec (i32.add (i32.const 128) (i32.shl (local.get $k) (i32.const 3))))
    (local.set $start (i32.sub (local.get $p) (i32.load8_u (i32.add (local.get $rec) (i32.const 1)))))
    (local.set $n (i32.load8_u (i32.add (local.get $rec) (i32.const 2))))
    (local.set $data (i32.load (i32.add (local.get $rec) (i32.const 4))))
    (if (i32.lt_s (local.get $start) (i32.const 0)) (then (return (i32.const 0))))
    (if (i32.gt_u (i32.add (local.get $start) (local.get $n)) (local.get $len)) (then (return (i32.const 0))))
    (local.set $i (i32.const 0))
    (block $fail
      (loop $cmp
        (br_if $fail (i32.ne (i32.load8_u (i32.add (i32.add (local.get $ptr) (local.get $start)) (local.get $i)))
                             (i32.load8_u (i32.add (local.get $data) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $cmp (i32.lt_u (local.get $i) (local.get $n))))
      (return (i32.const 1)))
    (i32.const 0))

  ;; The keywords of $wanted that occur in memory[$ptr, $ptr + $len), as a bit set. Lanes past
  ;; the end may turn up candidates; $verify turns down any match that does not fit the input.
  (func (export "scan") (param $ptr i32) (param $len i32) (param $count i32) (param $wanted i32) (result i32)
    (local $found i32) (local $i i32) (local $a v128) (local $b v128) (local $c v128) (local $r v128)
    (local $lo0 v128) (local $hi0 v128) (local $lo1 v128) (local $hi1 v128) (local $lo2 v128) (local $hi2 v128)
    (local $lanes i32) (local $lane i32) (local $bits i32) (local $k i32) (local $p i32) (local $before i32) (local $cands i32)
    (local.set $i (i32.const 0))
    (block $end
      ;; One phase per set of keywords still wanted: a keyword found leaves the tables.
      (loop $phase
        (br_if $end (i32.eqz (i32.and (local.get $wanted) (i32.xor (local.get $found) (i32.const -1)))))
        (call $build (local.get $count) (i32.and (local.get $wanted) (i32.xor (local.get $found) (i32.const -1))))
        (local.set $lo0 (v128.load (i32.const 0)))
        (local.set $hi0 (v128.load (i32.const 16)))
        (local.set $lo1 (v128.load (i32.const 32)))
        (local.set $hi1 (v128.load (i32.const 48)))
        (local.set $lo2 (v128.load (i32.const 64)))
        (local.set $hi2 (v128.load (i32.const 80)))
        (loop $block
          (br_if $end (i32.ge_u (local.get $i) (local.get $len)))
          (local.set $a (v128.load (i32.add (local.get $ptr) (local.get $i))))
          (local.set $b (v128.load offset=1 (i32.add (local.get $ptr) (local.get $i))))
          (local.set $c (v128.load offset=2 (i32.add (local.get $ptr) (local.get $i))))
          (local.set $r
            (v128.and
              (v128.and
                (v128.and (i8x16.swizzle (local.get $lo0) (v128.and (local.get $a) (v128.const i8x16 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15)))
                          (i8x16.swizzle (local.get $hi0) (i8x16.shr_u (local.get $a) (i32.const 4))))
                (v128.and (i8x16.swizzle (local.get $lo1) (v128.and (local.get $b) (v128.const i8x16 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15)))
                          (i8x16.swizzle (local.get $hi1) (i8x16.shr_u (local.get $b) (i32.const 4)))))
              (v128.and (i8x16.swizzle (local.get $lo2) (v128.and (local.get $c) (v128.const i8x16 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15)))
                        (i8x16.swizzle (local.get $hi2) (i8x16.shr_u (local.get $c) (i32.const 4))))))
          (if (v128.any_true (local.get $r))
            (then
              (v128.store (i32.const 96) (local.get $r))
              (local.set $lanes (i8x16.bitmask (i8x16.ne (local.get $r) (v128.const i64x2 0 0))))
              (local.set $before (local.get $found))
              (loop $lane
                (local.set $lane (i32.ctz (local.get $lanes)))
                (local.set $p (i32.add (local.get $i) (local.get $lane)))
                (local.set $bits (i32.load8_u (i32.add (i32.const 96) (local.get $lane))))
                ;; the keywords of the buckets that matched here, not yet found
                (local.set $cands (i32.const 0))
                (loop $bucket
                  (local.set $cands (i32.or (local.get $cands)
                    (i32.load (i32.add (i32.const 384) (i32.shl (i32.ctz (local.get $bits)) (i32.const 2))))))
                  (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
                  (br_if $bucket (local.get $bits)))
                (local.set $cands (i32.and (local.get $cands) (i32.xor (local.get $found) (i32.const -1))))
                (block $kdone
                  (loop $kw
                    (br_if $kdone (i32.eqz (local.get $cands)))
                    (local.set $k (i32.ctz (local.get $cands)))
                    (if (call $verify (local.get $ptr) (local.get $len) (local.get $p) (local.get $k))
                      (then (local.set $found (i32.or (local.get $found) (i32.shl (i32.const 1) (local.get $k))))))
                    (local.set $cands (i32.and (local.get $cands) (i32.sub (local.get $cands) (i32.const 1))))
                    (br $kw)))
                (local.set $lanes (i32.and (local.get $lanes) (i32.sub (local.get $lanes) (i32.const 1))))
                (br_if $lane (local.get $lanes)))
              (if (i32.ne (local.get $found) (local.get $before))
                (then
                  (local.set $i (i32.add (local.get $i) (i32.const 16))) ;; this block is done
                  (br $phase)))))
          (local.set $i (i32.add (local.get $i) (i32.const 16)))
          (br $block))))
    (local.get $found))
)
