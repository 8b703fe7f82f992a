package sketchrnn.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * Rebuilds the numpy arrays of a pickled object array (the payload of an {@code |O} {@code .npy}),
 * with the razorvine unpickler: {@code numpy.core.multiarray._reconstruct} (newer numpy:
 * {@code numpy._core.multiarray}) and {@code numpy.dtype} become the small state holders below, which
 * the unpickler fills through their {@code __setstate__}.
 */
final class NumpyPickle {
    static {
        IObjectConstructor array = args -> new ArrayState();
        IObjectConstructor dtype = args -> new DtypeState(args.length > 0 ? text(args[0]) : "");
        for (String module : List.of("numpy.core.multiarray", "numpy._core.multiarray")) {
            Unpickler.registerConstructor(module, "_reconstruct", array);
        }
        Unpickler.registerConstructor("numpy", "dtype", dtype);
    }

    private NumpyPickle() {
    }

    /**
     * Unpickles bytes; numpy arrays come back as {@link ArrayState}. Every length the pickle declares is
     * checked against the bytes that remain before anything is allocated, and the number of opcodes is
     * bounded by {@code maxOps} (each may create an object).
     *
     * @throws PickleException on a malformed pickle, with a message fit for a user
     */
    static Object load(byte[] pickle, int offset, long maxOps) throws java.io.IOException {
        Unpickler unpickler = new BoundedUnpickler(pickle.length - offset, maxOps);
        try {
            return unpickler.load(new java.io.ByteArrayInputStream(pickle, offset, pickle.length - offset));
        } catch (PickleException | java.io.IOException e) {
            throw e;
        } catch (RuntimeException e) {
            // a cast or index error on a pickle of the wrong structure: say so without Java's words
            throw new PickleException("unexpected pickle structure");
        } finally {
            unpickler.close();
        }
    }

    /** The razorvine unpickler with every declared length checked before it allocates. */
    private static final class BoundedUnpickler extends Unpickler {
        private final long size;
        private final long maxOps;
        private long ops;

        BoundedUnpickler(long size, long maxOps) {
            this.size = size;
            this.maxOps = maxOps;
        }

        @Override
        protected Object dispatch(short key) throws PickleException, java.io.IOException {
            if (++ops > maxOps) {
                throw new PickleException("more than " + maxOps + " pickle opcodes; too many objects for memory");
            }
            int width = switch (key) {
                case 'T', 'B', 'X', 0x8b -> 4; // BINSTRING, BINBYTES, BINUNICODE, LONG4
                case 0x8d, 0x8e, 0x96 -> 8;    // BINUNICODE8, BINBYTES8, BYTEARRAY8
                default -> 0;
            };
            if (width > 0) {
                long at = size - input.available();
                input.mark(8);
                byte[] b = input.readNBytes(width);
                input.reset();
                if (b.length < width) {
                    throw new PickleException("the pickle ends inside a length at byte " + at);
                }
                long n = 0;
                for (int i = width - 1; i >= 0; i--) {
                    n = (n << 8) | (b[i] & 0xff);
                }
                if (key == 'T' || key == 0x8b) {
                    n = (int) n; // signed
                }
                long left = input.available() - width;
                if (n < 0 || n > left) {
                    throw new PickleException("a string at byte " + at + " declares " + Long.toUnsignedString(n)
                            + " bytes but only " + left + " remain");
                }
            }
            return super.dispatch(key);
        }
    }

    /** A pickled {@code str} (Python 2, read as latin-1 text) or {@code bytes} as bytes. */
    static byte[] bytes(Object o) {
        if (o instanceof byte[] b) {
            return b;
        }
        if (o instanceof String s) {
            byte[] out = new byte[s.length()];
            for (int i = 0; i < out.length; i++) {
                char c = s.charAt(i);
                if (c > 0xff) {
                    return null;
                }
                out[i] = (byte) c;
            }
            return out;
        }
        return null;
    }

    private static String text(Object o) {
        byte[] b = bytes(o);
        return b == null ? String.valueOf(o) : new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** A numpy dtype: its name ({@code i2}, {@code f8}, {@code O8}, ...) and byte order. */
    public static final class DtypeState {
        private final String name;
        private String order = "|";

        DtypeState(String name) {
            this.name = name;
        }

        /** Called by the unpickler with numpy's dtype state {@code (version, byteorder, ...)}. */
        public void __setstate__(Object[] state) {
            if (state.length > 1 && state[1] != null) {
                order = text(state[1]);
            }
        }

        /** The kind letter: {@code i}, {@code u}, {@code f}, {@code O}, ... */
        char kind() {
            return name.isEmpty() ? '?' : name.charAt(0);
        }

        /** Bytes per element. */
        int size() {
            try {
                return Integer.parseInt(name.substring(1));
            } catch (RuntimeException e) {
                return -1;
            }
        }

        ByteOrder byteOrder() {
            return order.equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        }

        /** The dtype as numpy describes it, e.g. {@code <i2}. */
        @Override
        public String toString() {
            return (order.equals("|") || order.equals("=") ? (size() == 1 || kind() == 'O' ? "|" : "<") : order) + name;
        }
    }

    /** A numpy array as its pickle state gives it: shape, dtype, order and raw data (bytes or a list of objects). */
    public static final class ArrayState {
        long[] shape = new long[0];
        DtypeState dtype;
        boolean fortran;
        Object data;

        /** Called by the unpickler with numpy's array state {@code (version, shape, dtype, is_fortran, data)}. */
        public void __setstate__(Object[] state) {
            int k = state.length == 5 ? 1 : 0; // version 0 states have no leading version number
            Object[] dims = state[k] instanceof Object[] a ? a : new Object[0];
            shape = new long[dims.length];
            for (int i = 0; i < dims.length; i++) {
                shape[i] = ((Number) dims[i]).longValue();
            }
            dtype = state[k + 1] instanceof DtypeState d ? d : new DtypeState(String.valueOf(state[k + 1]));
            fortran = Boolean.TRUE.equals(state[k + 2]);
            data = state[k + 3];
        }

        /** The shape as Python prints it. */
        String shapeText() {
            return new NpyHeader("", false, shape, 0).shapeText();
        }

        /**
         * The values as a row-major {@code double} array.
         *
         * @return null when the dtype is not a plain number type
         */
        double[] values() {
            byte[] raw = bytes(data);
            int size = dtype == null ? -1 : dtype.size();
            long count = 1;
            try {
                for (long d : shape) {
                    if (d < 0) {
                        return null;
                    }
                    count = Math.multiplyExact(count, d);
                }
                if (raw == null || size <= 0 || raw.length != Math.multiplyExact(count, (long) size)) {
                    return null;
                }
            } catch (ArithmeticException overflow) {
                return null;
            }
            ByteBuffer buf = ByteBuffer.wrap(raw).order(dtype.byteOrder());
            double[] out = new double[(int) count];
            for (int i = 0; i < out.length; i++) {
                double v;
                switch (dtype.kind() + "" + size) {
                    case "i1" -> v = buf.get();
                    case "u1" -> v = buf.get() & 0xff;
                    case "i2" -> v = buf.getShort();
                    case "u2" -> v = buf.getShort() & 0xffff;
                    case "i4" -> v = buf.getInt();
                    case "u4" -> v = buf.getInt() & 0xffffffffL;
                    case "i8" -> v = buf.getLong();
                    case "u8" -> {
                        long u = buf.getLong();
                        v = u >= 0 ? u : 0x1p64 + u; // unsigned: 2^64 - 1 is 1.8e19, not -1
                    }
                    case "f4" -> v = buf.getFloat();
                    case "f8" -> v = buf.getDouble();
                    default -> {
                        return null;
                    }
                }
                out[i] = v;
            }
            if (fortran && shape.length == 2) {
                double[] rowMajor = new double[out.length];
                int rows = (int) shape[0];
                int cols = (int) shape[1];
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        rowMajor[r * cols + c] = out[c * rows + r];
                    }
                }
                return rowMajor;
            }
            return out;
        }
    }
}
