package sketchrnn.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Half precision as IEEE 754 binary16 defines it: exact round trips, the nearest value, ties to even. */
class HalfTest {
    @Test
    void everyHalfValueSurvivesARoundTripThroughFloat() {
        for (int bits = 0; bits < 0x10000; bits++) {
            short h = (short) bits;
            float f = Half.toFloat(h);
            if (Float.isNaN(f)) {
                assertThat(Float.isNaN(Half.toFloat(Half.fromFloat(f)))).isTrue();
                continue;
            }
            assertThat(Half.fromFloat(f)).as("half bits %04x", bits).isEqualTo(h);
        }
    }

    @Test
    void knownValues() {
        assertThat(Half.fromFloat(1f)).isEqualTo((short) 0x3c00);
        assertThat(Half.fromFloat(-2f)).isEqualTo((short) 0xc000);
        assertThat(Half.fromFloat(65504f)).isEqualTo((short) 0x7bff);
        assertThat(Half.fromFloat(65520f)).as("rounds up beyond the largest half").isEqualTo((short) 0x7c00);
        assertThat(Half.fromFloat(0x1p-24f)).as("the smallest subnormal").isEqualTo((short) 0x0001);
        assertThat(Half.fromFloat(0x1p-25f)).as("halfway to 0: ties to even").isEqualTo((short) 0);
        assertThat(Half.fromFloat(0x1.8p-24f)).as("halfway between 1 and 2 ulps: even").isEqualTo((short) 0x0002);
        assertThat(Half.fromFloat(1f + 0x1p-11f)).as("tie to even, down").isEqualTo((short) 0x3c00);
        assertThat(Half.fromFloat(1f + 3 * 0x1p-11f)).as("tie to even, up").isEqualTo((short) 0x3c02);
        assertThat(Half.fromFloat(0x1.ffcp-15f)).as("subnormal rounding up into the normals").isEqualTo((short) 0x0400);
        assertThat(Half.toFloat((short) 0x3555)).isEqualTo(0.33325195f);
    }

    @Test
    void everyFloatGoesToTheNearestHalf() {
        Random rng = new Random(5);
        for (int i = 0; i < 200_000; i++) {
            float f = (float) ((rng.nextDouble() * 2 - 1) * Math.pow(2, rng.nextInt(36) - 26));
            short h = Half.fromFloat(f);
            double got = Math.abs(Half.toFloat(h) - (double) f);
            for (int d = -1; d <= 1; d += 2) {
                float neighbour = Half.toFloat((short) (h + d));
                if (Float.isFinite(neighbour) && Math.signum(neighbour) * Math.signum(Half.toFloat(h)) >= 0) {
                    double other = Math.abs(neighbour - (double) f);
                    assertThat(got).as("%s -> %04x", f, h).isLessThanOrEqualTo(other);
                    if (got == other) {
                        assertThat(h & 1).as("a tie goes to the even half: %s", f).isZero();
                    }
                }
            }
        }
    }
}
