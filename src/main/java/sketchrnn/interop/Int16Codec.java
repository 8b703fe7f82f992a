package sketchrnn.interop;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * How the browser format stores one weight array (docs/model.md §12): every value is quantised to a 16-bit integer
 * {@code q = round(clip(v, -10, 10) / 10 * 32767)}, the integers are laid out little-endian and the bytes
 * base64-encoded. Reading gives back {@code v = 10 * q / 32767} as a float, computed exactly as the published
 * runtimes do (in double, then rounded to float), so weights read here are bit-identical to theirs.
 */
public final class Int16Codec {
    /** The largest magnitude a weight can have; larger ones are clipped when quantised. */
    public static final double MAX_WEIGHT = 10.0;
    /** The integer that stands for {@link #MAX_WEIGHT}. */
    public static final int SCALE = 32767;
    /** The largest error quantisation makes on a value within +-{@link #MAX_WEIGHT}: half a step. */
    public static final double MAX_ERROR = MAX_WEIGHT / SCALE / 2;

    private Int16Codec() {
    }

    /** The weight an int16 stands for. */
    public static float dequantize(short q) {
        return (float) (MAX_WEIGHT * q / SCALE);
    }

    /**
     * The int16 nearest to {@code value} on the quantisation grid, after clipping to +-{@link #MAX_WEIGHT}
     * (ties to even, as numpy's {@code round}).
     *
     * @throws IllegalArgumentException when the value is NaN or infinite (a broken model, not a weight)
     */
    public static short quantize(float value) {
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException("weight " + value + " is not a finite number");
        }
        double r = Math.max(-1.0, Math.min(1.0, value / MAX_WEIGHT));
        return (short) Math.rint(r * SCALE);
    }

    /** Quantises {@code values} and returns the base64 of their little-endian int16 bytes. */
    public static String encode(float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.length; i++) {
            try {
                bytes.putShort(quantize(values[i]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("value " + i + ": " + e.getMessage(), e);
            }
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    /**
     * Decodes base64 of little-endian int16 into {@code count} weights. ASCII whitespace inside the text is
     * ignored (as the browser's {@code atob} does); padding is optional.
     *
     * @throws IllegalArgumentException saying what is wrong: not base64, or the wrong number of bytes
     */
    public static float[] decode(String base64, int count) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(stripWhitespace(base64));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not valid base64 (" + e.getMessage() + ")", e);
        }
        if (raw.length != 2L * count) {
            throw new IllegalArgumentException("decodes to " + raw.length + " bytes, expected " + 2L * count
                    + " (" + count + " int16 values for its shape)");
        }
        ByteBuffer bytes = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = dequantize(bytes.getShort());
        }
        return values;
    }

    private static String stripWhitespace(String s) {
        boolean clean = true;
        for (int i = 0; i < s.length() && clean; i++) {
            clean = !isAsciiWhitespace(s.charAt(i));
        }
        if (clean) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!isAsciiWhitespace(ch)) {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static boolean isAsciiWhitespace(char ch) {
        return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f';
    }
}
