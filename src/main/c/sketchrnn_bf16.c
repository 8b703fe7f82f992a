/*
 * Matrix products in bf16 with fp32 accumulation, for CPUs with AVX512_BF16 (VDPBF16PS): the native half of
 * sketchrnn.kernels.NativeBf16 (issue 12). C[m x n] = (accumulate ? C : 0) + op(A)[m x k] . op(B)[k x n] on
 * row-major float arrays, with the three layouts of sketchrnn.kernels.Gemm (nn, nt, tn).
 *
 * How: both operands are rounded to bf16 (round to nearest even) while they are packed, one k block at a time,
 * into pairs along k: a uint32 holds (x[2q], x[2q+1]), which is what VDPBF16PS multiplies and adds into an fp32
 * lane. A is packed as a[i][q] (nn, nt) or a[q][i] (tn); B as b[q][j], its columns padded to a multiple of 16
 * with zeros. The micro-kernel keeps an MR x 64 tile of C in 20 zmm registers over the k block, broadcasting one
 * pair of A per row and loading four vectors of B per pair.
 *
 * Built by src/main/c/build.sh at compile time (gcc); the Java side loads it only when bf16_supported() says the
 * CPU and the OS can run it. Nothing here is reached otherwise.
 */
#include <jni.h>
#include <cpuid.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- CPU check: plain code, no AVX-512 instructions ---- */

static int cpu_has_avx512_bf16(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 27))) { /* OSXSAVE */
        return 0;
    }
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 0xE6) != 0xE6) { /* the OS saves SSE, AVX and the three AVX-512 states */
        return 0;
    }
    if (__get_cpuid_max(0, 0) < 7) {
        return 0;
    }
    __cpuid_count(7, 0, a, b, c, d);
    int f = (b >> 16) & 1, bw = (b >> 30) & 1, vl = (b >> 31) & 1;
    __cpuid_count(7, 1, a, b, c, d);
    int bf16 = (a >> 5) & 1;
    return f && bw && vl && bf16;
}

JNIEXPORT jboolean JNICALL Java_sketchrnn_kernels_NativeBf16_supported(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return cpu_has_avx512_bf16() ? JNI_TRUE : JNI_FALSE;
}

/* ---- kernels: compiled for AVX-512 BF16, reached only after the check above ---- */

#pragma GCC push_options
#pragma GCC target("avx512f,avx512bw,avx512vl,avx512bf16,fma")
#include <immintrin.h>

enum { MR = 5, NB = 64, KC2 = 256 }; /* rows per tile, columns per tile, k pairs per block (512 k) */

/* Per-thread scratch, grown on demand and kept: the engine calls from a few long-lived threads. */
static __thread uint32_t *scratch_a, *scratch_b;
static __thread size_t scratch_a_len, scratch_b_len;

static uint32_t *grow(uint32_t **p, size_t *len, size_t need) {
    if (need > *len) {
        free(*p);
        size_t bytes = (need * sizeof(uint32_t) + 63) / 64 * 64;
        *p = aligned_alloc(64, bytes);
        *len = *p ? need : 0;
    }
    return *p;
}

static inline uint16_t bf16_round(float f) {
    uint32_t u;
    memcpy(&u, &f, 4);
    if ((u & 0x7fffffffu) > 0x7f800000u) {
        return (uint16_t) ((u >> 16) | 0x40); /* quiet NaN */
    }
    u += 0x7fffu + ((u >> 16) & 1u);
    return (uint16_t) (u >> 16);
}

static inline uint32_t pair(float lo, float hi) {
    return (uint32_t) bf16_round(lo) | ((uint32_t) bf16_round(hi) << 16);
}

/* Interleaves [r0_0..r0_15, r1_0..r1_15] (as cvtne2ps leaves them) into pairs (r0_t, r1_t). */
static inline __m512i interleave(__m512 r0, __m512 r1) {
    const __m512i idx = _mm512_set_epi16(31, 15, 30, 14, 29, 13, 28, 12, 27, 11, 26, 10, 25, 9, 24, 8,
                                         23, 7, 22, 6, 21, 5, 20, 4, 19, 3, 18, 2, 17, 1, 16, 0);
    __m512i v = (__m512i) _mm512_cvtne2ps_pbh(r1, r0);
    return _mm512_permutexvar_epi16(idx, v);
}

/*
 * Pairs of rows p = 2q, 2q+1 (q in [0, kq)) of a row-major matrix X (rows from k0, columns [0, cols)), each
 * row's elements x[p*ld + j]: out[q*ldo + j] = pair(X(k0+2q, j), X(k0+2q+1, j)), zero past row kEnd and past
 * column cols up to ldo. Used for B of nn and tn, and A of tn.
 */
static void pack_row_pairs(const float *x, int ld, int k0, int kEnd, int kq, int cols, uint32_t *out, int ldo) {
    for (int q = 0; q < kq; q++) {
        int p0 = k0 + 2 * q, p1 = p0 + 1;
        uint32_t *o = out + (size_t) q * ldo;
        if (p0 >= kEnd) {
            memset(o, 0, (size_t) ldo * 4);
            continue;
        }
        const float *r0 = x + (size_t) p0 * ld;
        const float *r1 = p1 < kEnd ? x + (size_t) p1 * ld : NULL;
        int j = 0;
        for (; j + 16 <= cols; j += 16) {
            __m512 v0 = _mm512_loadu_ps(r0 + j);
            __m512 v1 = r1 ? _mm512_loadu_ps(r1 + j) : _mm512_setzero_ps();
            _mm512_storeu_si512(o + j, interleave(v0, v1));
        }
        if (j < cols) {
            __mmask16 m = (__mmask16) ((1u << (cols - j)) - 1);
            __m512 v0 = _mm512_maskz_loadu_ps(m, r0 + j);
            __m512 v1 = r1 ? _mm512_maskz_loadu_ps(m, r1 + j) : _mm512_setzero_ps();
            _mm512_storeu_si512(o + j, interleave(v0, v1));
            j += 16;
        }
        for (; j < ldo; j++) {
            o[j] = 0;
        }
    }
}

/*
 * Pairs along each row of a row-major matrix X (rows [0, rows), row r at x[r*ld], columns from k0 to kEnd):
 * out[r*ldo + q] = pair(X(r, k0+2q), X(r, k0+2q+1)) for q in [0, kq), zero past kEnd. A of nn and nt.
 */
static void pack_along_rows(const float *x, int ld, int rows, int k0, int kEnd, int kq, uint32_t *out, int ldo) {
    for (int r = 0; r < rows; r++) {
        const float *row = x + (size_t) r * ld;
        uint32_t *o = out + (size_t) r * ldo;
        int q = 0;
        for (; q + 16 <= kq && k0 + 2 * q + 32 <= kEnd; q += 16) {
            const float *s = row + k0 + 2 * q;
            __m512i v = (__m512i) _mm512_cvtne2ps_pbh(_mm512_loadu_ps(s + 16), _mm512_loadu_ps(s));
            _mm512_storeu_si512(o + q, v);
        }
        for (; q < kq; q++) {
            int p0 = k0 + 2 * q, p1 = p0 + 1;
            o[q] = pair(p0 < kEnd ? row[p0] : 0.0f, p1 < kEnd ? row[p1] : 0.0f);
        }
    }
}

/* B of nt: X stored n x k (row j at x[j*ld]): out[q*ldo + j] = pair(X(j, k0+2q), X(j, k0+2q+1)). */
static void pack_nt_b(const float *x, int ld, int n, int k0, int kEnd, int kq, uint32_t *out, int ldo) {
    for (int q = 0; q < kq; q++) {
        memset(out + (size_t) q * ldo + n, 0, (size_t) (ldo - n) * 4);
    }
    for (int j = 0; j < n; j++) {
        const float *row = x + (size_t) j * ld;
        for (int q = 0; q < kq; q++) {
            int p0 = k0 + 2 * q, p1 = p0 + 1;
            out[(size_t) q * ldo + j] = pair(p0 < kEnd ? row[p0] : 0.0f, p1 < kEnd ? row[p1] : 0.0f);
        }
    }
}

/*
 * The tile C[rows x (16*nv)] (+)= A.B over kq pairs. A pair (i, q) at a[i*ai + q*aq]; B's pair row q at
 * b + q*ldb. store: 0 = overwrite C, 1 = add to C. cols: valid columns of the tile (the last vector masked).
 */
static inline __attribute__((always_inline)) void tile(int rows, int nv, int kq, const uint32_t *a, size_t ai,
                                                       size_t aq, const uint32_t *b, int ldb, float *c, int ldc,
                                                       int cols, int add) {
    __m512 acc[MR][4];
    for (int r = 0; r < MR; r++) {
        for (int v = 0; v < 4; v++) {
            acc[r][v] = _mm512_setzero_ps();
        }
    }
    for (int q = 0; q < kq; q++) {
        const uint32_t *bq = b + (size_t) q * ldb;
        __m512bh b0 = (__m512bh) _mm512_loadu_si512(bq);
        __m512bh b1 = nv > 1 ? (__m512bh) _mm512_loadu_si512(bq + 16) : b0;
        __m512bh b2 = nv > 2 ? (__m512bh) _mm512_loadu_si512(bq + 32) : b0;
        __m512bh b3 = nv > 3 ? (__m512bh) _mm512_loadu_si512(bq + 48) : b0;
        for (int r = 0; r < MR; r++) {
            if (r < rows) {
                __m512bh av = (__m512bh) _mm512_set1_epi32((int) a[r * ai + q * aq]);
                acc[r][0] = _mm512_dpbf16_ps(acc[r][0], av, b0);
                if (nv > 1) acc[r][1] = _mm512_dpbf16_ps(acc[r][1], av, b1);
                if (nv > 2) acc[r][2] = _mm512_dpbf16_ps(acc[r][2], av, b2);
                if (nv > 3) acc[r][3] = _mm512_dpbf16_ps(acc[r][3], av, b3);
            }
        }
    }
    for (int r = 0; r < rows; r++) {
        float *cr = c + (size_t) r * ldc;
        for (int v = 0; v < nv; v++) {
            int left = cols - 16 * v;
            __mmask16 m = left >= 16 ? (__mmask16) 0xffff : (__mmask16) ((1u << left) - 1);
            __m512 x = acc[r][v];
            if (add) {
                x = _mm512_add_ps(x, _mm512_maskz_loadu_ps(m, cr + 16 * v));
            }
            _mm512_mask_storeu_ps(cr + 16 * v, m, x);
        }
    }
}

static void tile_full(int kq, const uint32_t *a, size_t ai, size_t aq, const uint32_t *b, int ldb, float *c,
                      int ldc, int add) {
    tile(MR, 4, kq, a, ai, aq, b, ldb, c, ldc, NB, add);
}

static void tile_edge(int rows, int nv, int kq, const uint32_t *a, size_t ai, size_t aq, const uint32_t *b, int ldb,
                      float *c, int ldc, int cols, int add) {
    tile(rows, nv, kq, a, ai, aq, b, ldb, c, ldc, cols, add);
}

/*
 * mode: 0 nn, 1 nt, 2 tn. packed: B already packed for nn (pairs of rows, all k, columns padded to a multiple of
 * 16, as pack_whole_b leaves it), or NULL. Returns 0, or -1 when scratch could not be allocated.
 */
static int gemm(int mode, int m, int n, int k, const float *a, int lda, const float *b, int ldb, float *c, int ldc,
                int accumulate, const uint32_t *packed) {
    if (k == 0) {
        if (!accumulate) {
            for (int i = 0; i < m; i++) {
                memset(c + (size_t) i * ldc, 0, (size_t) n * 4);
            }
        }
        return 0;
    }
    int npad = (n + 15) / 16 * 16;
    int kqAll = (k + 1) / 2;
    int kqBlock = kqAll < KC2 ? kqAll : KC2;
    uint32_t *ap = grow(&scratch_a, &scratch_a_len, (size_t) m * kqBlock + 16);
    uint32_t *bp = packed ? NULL : grow(&scratch_b, &scratch_b_len, (size_t) npad * kqBlock + 16);
    if (!ap || (!bp && !packed)) {
        return -1;
    }
    for (int q0 = 0; q0 < kqAll; q0 += KC2) {
        int kq = kqAll - q0 < KC2 ? kqAll - q0 : KC2;
        int k0 = 2 * q0;
        size_t ai, aq;
        if (mode == 2) { /* A stored k x m: pairs of its rows, a[q][i] */
            int mpad = (m + 15) / 16 * 16;
            ap = grow(&scratch_a, &scratch_a_len, (size_t) mpad * kq + 16);
            if (!ap) {
                return -1;
            }
            pack_row_pairs(a, lda, k0, k, kq, m, ap, mpad);
            ai = 1;
            aq = (size_t) mpad;
        } else {
            pack_along_rows(a, lda, m, k0, k, kq, ap, kq);
            ai = (size_t) kq;
            aq = 1;
        }
        if (packed) {
            bp = (uint32_t *) packed + (size_t) q0 * npad;
        } else if (mode == 1) {
            pack_nt_b(b, ldb, n, k0, k, kq, bp, npad);
        } else {
            pack_row_pairs(b, ldb, k0, k, kq, n, bp, npad);
        }
        int add = accumulate || q0 > 0;
        for (int j = 0; j < n; j += NB) {
            int cols = n - j < NB ? n - j : NB;
            int nv = (cols + 15) / 16;
            for (int i = 0; i < m; i += MR) {
                int rows = m - i < MR ? m - i : MR;
                const uint32_t *at = ap + (size_t) i * ai;
                float *ct = c + (size_t) i * ldc + j;
                if (rows == MR && cols == NB) {
                    tile_full(kq, at, ai, aq, bp + j, npad, ct, ldc, add);
                } else {
                    tile_edge(rows, nv, kq, at, ai, aq, bp + j, npad, ct, ldc, cols, add);
                }
            }
        }
    }
    return 0;
}

/* B (k x n, row-major) packed whole for later nn products: ((k+1)/2) x npad pairs, or NULL. */
static uint32_t *pack_whole_b(const float *b, int ldb, int k, int n) {
    int npad = (n + 15) / 16 * 16;
    size_t len = (size_t) ((k + 1) / 2) * npad + 16;
    uint32_t *p = aligned_alloc(64, (len * 4 + 63) / 64 * 64);
    if (p) {
        pack_row_pairs(b, ldb, 0, k, (k + 1) / 2, n, p, npad);
    }
    return p;
}

#pragma GCC pop_options

JNIEXPORT void JNICALL Java_sketchrnn_kernels_NativeBf16_gemm(JNIEnv *env, jclass cls, jint mode, jint m, jint n,
                                                             jint k, jfloatArray a, jint aOff, jint lda,
                                                             jfloatArray b, jint bOff, jint ldb, jfloatArray c,
                                                             jint cOff, jint ldc, jboolean accumulate) {
    (void) cls;
    float *pa = (*env)->GetPrimitiveArrayCritical(env, a, NULL);
    float *pb = pa && b != a ? (*env)->GetPrimitiveArrayCritical(env, b, NULL) : pa;
    float *pc = pb ? (*env)->GetPrimitiveArrayCritical(env, c, NULL) : NULL;
    int rc = -1;
    if (pa && pb && pc) {
        rc = gemm(mode, m, n, k, pa + aOff, lda, pb + bOff, ldb, pc + cOff, ldc, accumulate == JNI_TRUE, NULL);
    }
    if (pc) (*env)->ReleasePrimitiveArrayCritical(env, c, pc, 0);
    if (pb && b != a) (*env)->ReleasePrimitiveArrayCritical(env, b, pb, JNI_ABORT);
    if (pa) (*env)->ReleasePrimitiveArrayCritical(env, a, pa, JNI_ABORT);
    if (rc != 0) {
        jclass err = (*env)->FindClass(env, "java/lang/OutOfMemoryError");
        if (err) (*env)->ThrowNew(env, err, "bf16 product: no memory for its packed operands");
    }
}

static void throw_oom(JNIEnv *env, const char *what) {
    jclass err = (*env)->FindClass(env, "java/lang/OutOfMemoryError");
    if (err) (*env)->ThrowNew(env, err, what);
}

JNIEXPORT jlong JNICALL Java_sketchrnn_kernels_NativeBf16_pack(JNIEnv *env, jclass cls, jint k, jint n, jfloatArray b,
                                                              jint bOff, jint ldb) {
    (void) cls;
    float *pb = (*env)->GetPrimitiveArrayCritical(env, b, NULL);
    uint32_t *p = NULL;
    if (pb) {
        p = pack_whole_b(pb + bOff, ldb, k, n);
        (*env)->ReleasePrimitiveArrayCritical(env, b, pb, JNI_ABORT);
    }
    if (!p) {
        throw_oom(env, "bf16 product: no memory for a packed matrix");
    }
    return (jlong) (intptr_t) p;
}

JNIEXPORT void JNICALL Java_sketchrnn_kernels_NativeBf16_free(JNIEnv *env, jclass cls, jlong p) {
    (void) env;
    (void) cls;
    free((void *) (intptr_t) p);
}

JNIEXPORT void JNICALL Java_sketchrnn_kernels_NativeBf16_gemmPacked(JNIEnv *env, jclass cls, jint m, jint n, jint k,
                                                                   jfloatArray a, jint aOff, jint lda, jlong packed,
                                                                   jfloatArray c, jint cOff, jint ldc,
                                                                   jboolean accumulate) {
    (void) cls;
    float *pa = (*env)->GetPrimitiveArrayCritical(env, a, NULL);
    float *pc = pa ? (*env)->GetPrimitiveArrayCritical(env, c, NULL) : NULL;
    int rc = -1;
    if (pa && pc) {
        rc = gemm(0, m, n, k, pa + aOff, lda, NULL, 0, pc + cOff, ldc, accumulate == JNI_TRUE,
                  (const uint32_t *) (intptr_t) packed);
    }
    if (pc) (*env)->ReleasePrimitiveArrayCritical(env, c, pc, 0);
    if (pa) (*env)->ReleasePrimitiveArrayCritical(env, a, pa, JNI_ABORT);
    if (rc != 0) {
        throw_oom(env, "bf16 product: no memory for its packed operands");
    }
}
