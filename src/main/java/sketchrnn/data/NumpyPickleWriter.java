package sketchrnn.data;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the pickle of a numpy object array of stroke-3 arrays, the way numpy would: protocol 2, each
 * sketch rebuilt through {@code numpy.core.multiarray._reconstruct} (a path every numpy version
 * loads), its data as {@code _codecs.encode(text, 'latin1')} so that Python 3 loads it with any
 * {@code encoding=} argument of {@code np.load}.
 */
final class NumpyPickleWriter {
    private static final int MEMO_RECONSTRUCT = 0;
    private static final int MEMO_NDARRAY = 1;
    private static final int MEMO_DTYPE_CLASS = 2;
    private static final int MEMO_ELEMENT_DTYPE = 3;
    private static final int MEMO_ENCODE = 4;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
    private final boolean int16;
    private boolean elementDtypeWritten;
    private boolean encodeWritten;

    private NumpyPickleWriter(boolean int16) {
        this.int16 = int16;
    }

    /**
     * The pickle of an object array holding one {@code [N, 3]} array per sketch.
     *
     * @param int16 store the values as little-endian int16 (callers check they fit), else float64
     */
    static byte[] objectArray(List<Sketch> sketches, boolean int16) {
        NumpyPickleWriter w = new NumpyPickleWriter(int16);
        w.write(sketches);
        return w.out.toByteArray();
    }

    private void write(List<Sketch> sketches) {
        // 1. Protocol 2, and the two globals every array needs.
        op(0x80);
        op(2);
        global("numpy.core.multiarray", "_reconstruct");
        put(MEMO_RECONSTRUCT);
        global("numpy", "ndarray");
        put(MEMO_NDARRAY);
        // 2. The outer object array: _reconstruct(ndarray, (0,), 'b'), then its state.
        emptyArray();
        op('(');
        integer(1);
        integer(sketches.size());
        op(0x85); // TUPLE1: shape (n,)
        global("numpy", "dtype");
        put(MEMO_DTYPE_CLASS);
        dtype("O8", "|", 63);
        op(0x89); // NEWFALSE: not Fortran order
        // 3. The list of sketches, appended in batches.
        op(']');
        for (int start = 0; start < sketches.size(); start += 1000) {
            op('(');
            for (int i = start; i < Math.min(sketches.size(), start + 1000); i++) {
                sketch(sketches.get(i));
            }
            op('e'); // APPENDS
        }
        op('t');
        op('b'); // BUILD
        op('.');
    }

    private void sketch(Sketch s) {
        emptyArray();
        op('(');
        integer(1);
        integer(s.size());
        integer(3);
        op(0x86); // TUPLE2: shape (n, 3)
        if (elementDtypeWritten) {
            get(MEMO_ELEMENT_DTYPE);
        } else {
            get(MEMO_DTYPE_CLASS);
            dtype(int16 ? "i2" : "f8", "<", 0);
            put(MEMO_ELEMENT_DTYPE);
            elementDtypeWritten = true;
        }
        op(0x89);
        data(s);
        op('t');
        op('b');
    }

    /** {@code _reconstruct(ndarray, (0,), 'b')}. */
    private void emptyArray() {
        get(MEMO_RECONSTRUCT);
        get(MEMO_NDARRAY);
        integer(0);
        op(0x85);
        shortString("b");
        op(0x87); // TUPLE3
        op('R');
    }

    /** {@code dtype(name, 0, 1)} with state {@code (3, order, None, None, None, -1, -1, flags)}; the dtype class is on the stack. */
    private void dtype(String name, String order, int flags) {
        shortString(name);
        integer(0);
        integer(1);
        op(0x87);
        op('R');
        op('(');
        integer(3);
        shortString(order);
        op('N');
        op('N');
        op('N');
        integer(-1);
        integer(-1);
        integer(flags);
        op('t');
        op('b');
    }

    private void data(Sketch s) {
        float[] flat = s.toFlat();
        ByteBuffer buf = ByteBuffer.allocate(flat.length * (int16 ? 2 : 8)).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : flat) {
            if (int16) {
                buf.putShort((short) v);
            } else {
                buf.putDouble(v);
            }
        }
        if (encodeWritten) {
            get(MEMO_ENCODE);
        } else {
            global("_codecs", "encode");
            put(MEMO_ENCODE);
            encodeWritten = true;
        }
        unicode(new String(buf.array(), StandardCharsets.ISO_8859_1));
        unicode("latin1");
        op(0x86);
        op('R');
    }

    private void op(int code) {
        out.write(code);
    }

    private void global(String module, String name) {
        op('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private void put(int memo) {
        op('q');
        op(memo);
    }

    private void get(int memo) {
        op('h');
        op(memo);
    }

    private void integer(int v) {
        if (v >= 0 && v < 256) {
            op('K');
            op(v);
        } else if (v >= 0 && v < 65536) {
            op('M');
            op(v & 0xff);
            op(v >> 8);
        } else {
            op('J');
            littleEndian32(v);
        }
    }

    private void shortString(String s) {
        op('U');
        op(s.length());
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private void unicode(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        op('X');
        littleEndian32(utf8.length);
        out.writeBytes(utf8);
    }

    private void littleEndian32(int v) {
        op(v & 0xff);
        op((v >> 8) & 0xff);
        op((v >> 16) & 0xff);
        op((v >>> 24) & 0xff);
    }
}
