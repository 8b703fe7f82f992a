package sketchrnn.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NumpyPickleTest {
    /** An unsigned 64-bit 2^64-1 is 1.8e19, not -1 (it was read as a signed number). */
    @Test
    void unsigned64BitValuesAreUnsigned() {
        NumpyPickle.ArrayState a = new NumpyPickle.ArrayState();
        a.__setstate__(new Object[] {1, new Object[] {1L, 3L}, new NumpyPickle.DtypeState("u8"), false, filled(24, (byte) 0xff)});
        assertThat(a.values()).containsExactly(0x1p64, 0x1p64, 0x1p64);
    }

    /** A shape whose element count overflows a long is not the data's size (it wrapped around before). */
    @Test
    void overflowingShapeIsNotTheDataSize() {
        NumpyPickle.ArrayState a = new NumpyPickle.ArrayState();
        a.__setstate__(new Object[] {1, new Object[] {1L << 62, 4L, 3L}, new NumpyPickle.DtypeState("i2"), false, filled(0, (byte) 0)});
        assertThat(a.values()).isNull();
    }

    private static byte[] filled(int n, byte b) {
        byte[] out = new byte[n];
        Arrays.fill(out, b);
        return out;
    }
}
