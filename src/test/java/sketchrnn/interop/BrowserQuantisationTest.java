package sketchrnn.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The int16 quantisation of the browser format: its error bound, clipping, byte order and base64. */
class BrowserQuantisationTest {
    /** Half a step, plus the float rounding of the dequantised value. */
    private static final double BOUND = 10.0 / 32767 / 2 + 1e-6;

    @Test
    void errorIsAtMostHalfAStepWithinPlusMinusTen() {
        Random random = new Random(11);
        double worst = 0;
        for (int n = 0; n < 200_000; n++) {
            float v = (float) ((random.nextDouble() * 2 - 1) * 10.0);
            double err = Math.abs(Int16Codec.dequantize(Int16Codec.quantize(v)) - v);
            worst = Math.max(worst, err);
        }
        assertThat(worst).isLessThanOrEqualTo(BOUND);
        // random values come close to the bound: the grid is 10/32767, not finer
        assertThat(worst).isGreaterThan(0.9 * 10.0 / 32767 / 2);
    }

    @Test
    void midpointsAndGridPointsQuantiseAsNumpyRound() {
        double step = 10.0 / 32767;
        for (int q : new int[] {-32767, -12345, -1, 0, 1, 114, 32766, 32767}) {
            assertThat(Int16Codec.quantize(Int16Codec.dequantize((short) q))).as("grid point %d", q).isEqualTo((short) q);
        }
        assertThat(Int16Codec.quantize((float) (0.4 * step))).isEqualTo((short) 0);
        assertThat(Int16Codec.quantize((float) (0.6 * step))).isEqualTo((short) 1);
        assertThat(Int16Codec.quantize((float) (-0.6 * step))).isEqualTo((short) -1);
    }

    @Test
    void valuesBeyondTenAreClipped() {
        assertThat(Int16Codec.quantize(10f)).isEqualTo((short) 32767);
        assertThat(Int16Codec.quantize(10.5f)).isEqualTo((short) 32767);
        assertThat(Int16Codec.quantize(1e30f)).isEqualTo((short) 32767);
        assertThat(Int16Codec.quantize(-25f)).isEqualTo((short) -32767);
        assertThat(Int16Codec.dequantize(Int16Codec.quantize(-25f))).isEqualTo(-10f);
    }

    @Test
    void nonFiniteValuesAreRefused() {
        assertThatThrownBy(() -> Int16Codec.quantize(Float.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Int16Codec.encode(new float[] {1f, Float.POSITIVE_INFINITY}))
                .hasMessageContaining("value 1");
    }

    @Test
    void encodesLittleEndianInt16AsStandardBase64() {
        float[] values = {Int16Codec.dequantize((short) 114), Int16Codec.dequantize((short) -2), 10f};
        String text = Int16Codec.encode(values);

        byte[] raw = Base64.getDecoder().decode(text);
        assertThat(raw).containsExactly(0x72, 0x00, 0xfe, 0xff, 0xff, 0x7f);
        assertThat(text).isEqualTo("cgD+//9/");
        assertThat(Int16Codec.decode(text, 3)).containsExactly(values);
    }

    @Test
    void decodeCountsBytesAgainstTheShape() {
        String text = Int16Codec.encode(new float[5]);
        assertThatThrownBy(() -> Int16Codec.decode(text, 4)).hasMessageContaining("decodes to 10 bytes, expected 8");
        assertThatThrownBy(() -> Int16Codec.decode("abc$", 1)).hasMessageContaining("not valid base64");
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putShort((short) -32768).putShort((short) 7);
        // -32768 is not written by the exporter but is a valid int16 in a file
        assertThat(Int16Codec.decode(Base64.getEncoder().encodeToString(b.array()), 2))
                .containsExactly((float) (-32768 * 10.0 / 32767), (float) (7 * 10.0 / 32767));
    }
}
