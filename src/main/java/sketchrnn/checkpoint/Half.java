package sketchrnn.checkpoint;

/**
 * IEEE 754 half precision (binary16: 1 sign bit, 5 exponent bits, 10 fraction bits), the storage of a shipped
 * model's weights ({@link Checkpoint#writeHalf}). Java 17 has no such conversion (Java 20 adds
 * {@code Float.floatToFloat16}); these two follow the standard: round to nearest, ties to even, with subnormals.
 */
final class Half {
    /** The largest finite half-precision value. */
    static final float MAX = 65504f;

    private Half() {
    }

    /** The half-precision bits nearest to {@code f} (ties to even); beyond {@link #MAX}, infinity; NaN stays NaN. */
    static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xff;
        int mantissa = bits & 0x7fffff;
        if (exponent == 0xff) {                               // infinity or NaN
            return (short) (sign | 0x7c00 | (mantissa != 0 ? 0x200 : 0));
        }
        int e = exponent - 127 + 15;                          // the half's biased exponent
        if (e >= 0x1f) {                                      // too large: infinity
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {                                         // subnormal half, or zero
            if (e < -10) {
                return (short) sign;
            }
            int m = mantissa | 0x800000;                      // the implicit leading 1
            int shift = 14 - e;                               // 24-bit significand down to the subnormal's 10 bits
            int half = m >>> shift;
            int rest = m & ((1 << shift) - 1);
            int midpoint = 1 << (shift - 1);
            if (rest > midpoint || (rest == midpoint && (half & 1) != 0)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mantissa >>> 13);
        int rest = mantissa & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) != 0)) {
            half++;                                           // may carry into the exponent: still correct
        }
        return (short) (sign | half);
    }

    /** The float value of half-precision bits (exact: every half is a float). */
    static float toFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {                                  // zero or subnormal: mantissa * 2^-24
            float v = mantissa * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }
}
