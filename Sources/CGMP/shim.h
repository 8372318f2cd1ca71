// The part of GMP (libgmp-dev) that Sources/Grading uses, as functions Swift can call.
// gmp.h spells most of its API as macros (`#define mpq_init __gmpq_init`, `mpq_numref(Q)`), which
// Swift does not import; each wrapper below is one call, except cgmp_round_scaled (the rounding rule).
// SwiftPM does not rebuild Sources/Grading when only this header changes: touch a Grading file too.
#ifndef POK_SWIFT_CGMP_SHIM_H
#define POK_SWIFT_CGMP_SHIM_H

#include <gmp.h>
#include <stddef.h>

static inline void cgmp_mpq_init(mpq_ptr q) { mpq_init(q); }
static inline void cgmp_mpq_clear(mpq_ptr q) { mpq_clear(q); }
static inline void cgmp_mpq_canonicalize(mpq_ptr q) { mpq_canonicalize(q); }
static inline void cgmp_mpq_set(mpq_ptr r, mpq_srcptr q) { mpq_set(r, q); }
static inline void cgmp_mpq_set_si(mpq_ptr q, long n, unsigned long d) { mpq_set_si(q, n, d); }
/// 0 when `text` ("p" or "p/q", base 10) was read; GMP does not reject a zero denominator.
static inline int cgmp_mpq_set_str(mpq_ptr q, const char *text) { return mpq_set_str(q, text, 10); }
static inline void cgmp_mpq_add(mpq_ptr r, mpq_srcptr a, mpq_srcptr b) { mpq_add(r, a, b); }
static inline void cgmp_mpq_sub(mpq_ptr r, mpq_srcptr a, mpq_srcptr b) { mpq_sub(r, a, b); }
static inline void cgmp_mpq_mul(mpq_ptr r, mpq_srcptr a, mpq_srcptr b) { mpq_mul(r, a, b); }
static inline void cgmp_mpq_neg(mpq_ptr r, mpq_srcptr a) { mpq_neg(r, a); }
static inline int cgmp_mpq_cmp(mpq_srcptr a, mpq_srcptr b) { return mpq_cmp(a, b); }
static inline int cgmp_mpq_equal(mpq_srcptr a, mpq_srcptr b) { return mpq_equal(a, b); }
static inline int cgmp_mpq_sgn(mpq_srcptr q) { return mpq_sgn(q); }
static inline int cgmp_mpz_is_zero(mpz_srcptr z) { return mpz_sgn(z) == 0; }
static inline mpz_srcptr cgmp_mpq_numref(mpq_srcptr q) { return mpq_numref(q); }
static inline mpz_srcptr cgmp_mpq_denref(mpq_srcptr q) { return mpq_denref(q); }
static inline int cgmp_mpz_is_one(mpz_srcptr z) { return mpz_cmp_ui(z, 1) == 0; }

/// Room for mpz_get_str's base-10 text of `z`: digits, a sign and the NUL.
static inline size_t cgmp_mpz_text_capacity(mpz_srcptr z) { return mpz_sizeinbase(z, 10) + 2; }
/// Writes `z` in base 10 into `buffer` (at least cgmp_mpz_text_capacity(z) bytes).
static inline void cgmp_mpz_text(char *buffer, mpz_srcptr z) { mpz_get_str(buffer, 10, z); }

/// The rounding rule of docs/grading.md, "Rounding": `result` = q·10^places rounded to the nearest
/// integer, a tie (remainder exactly one half) going away from zero.
static inline void cgmp_round_scaled(mpz_ptr result, mpq_srcptr q, unsigned long places) {
    mpz_t magnitude, scale, remainder, twice;
    mpz_inits(magnitude, scale, remainder, twice, NULL);
    mpz_abs(magnitude, mpq_numref(q));
    mpz_ui_pow_ui(scale, 10, places);
    mpz_mul(magnitude, magnitude, scale);
    mpz_tdiv_qr(result, remainder, magnitude, mpq_denref(q));
    mpz_mul_2exp(twice, remainder, 1);
    if (mpz_cmp(twice, mpq_denref(q)) >= 0) {
        mpz_add_ui(result, result, 1);
    }
    if (mpq_sgn(q) < 0) {
        mpz_neg(result, result);
    }
    mpz_clears(magnitude, scale, remainder, twice, NULL);
}
static inline void cgmp_mpz_init(mpz_ptr z) { mpz_init(z); }
static inline void cgmp_mpz_clear(mpz_ptr z) { mpz_clear(z); }

#endif
