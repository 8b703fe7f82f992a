package sketchrnn.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a numpy {@code .npy} array file: magic {@code \x93NUMPY}, a version, and a Python
 * dict literal with {@code descr}, {@code fortran_order} and {@code shape}, padded with spaces.
 *
 * @param descr        the dtype, e.g. {@code |O} (objects) or {@code <i2}
 * @param fortranOrder whether the data is stored column-major
 * @param shape        the array's shape
 * @param dataOffset   where the data starts in the file
 */
record NpyHeader(String descr, boolean fortranOrder, long[] shape, int dataOffset) {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

    /**
     * Parses the header at the start of {@code bytes}.
     *
     * @param where the name to use in errors ("sheep.npz: train.npy")
     */
    static NpyHeader parse(byte[] bytes, String where) {
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new BadInputException(where + ": not a numpy .npy array (no \\x93NUMPY magic at offset 0)");
        }
        int major = bytes[6] & 0xff;
        long length;
        int start;
        if (major == 1) {
            length = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new BadInputException(where + ": truncated .npy header at offset 8");
            }
            length = ((bytes[8] & 0xff) | (bytes[9] & 0xff) << 8 | (bytes[10] & 0xff) << 16 | (bytes[11] & 0xff) << 24)
                    & 0xffffffffL;
            start = 12;
        } else {
            throw new BadInputException(where + ": unsupported .npy format version " + major + " (expected 1, 2 or 3)");
        }
        if (start + length > bytes.length) {
            throw new BadInputException(where + ": truncated .npy header: " + length + " bytes announced at offset "
                    + (start - 2) + ", the entry has " + bytes.length);
        }
        String dict = new String(bytes, start, (int) length, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(dict);
        Matcher f = FORTRAN.matcher(dict);
        Matcher s = SHAPE.matcher(dict);
        if (!d.find() || !f.find() || !s.find()) {
            throw new BadInputException(where + ": unreadable .npy header " + shorten(dict.strip())
                    + "; expected {'descr': ..., 'fortran_order': ..., 'shape': (...)}");
        }
        String[] dims = s.group(1).split(",");
        long[] shape = Arrays.stream(dims).map(String::strip).filter(x -> !x.isEmpty()).mapToLong(x -> {
            try {
                return Long.parseLong(x.replace("L", ""));
            } catch (NumberFormatException e) {
                throw new BadInputException(where + ": bad shape (" + shorten(s.group(1)) + ") in the .npy header");
            }
        }).toArray();
        for (long dim : shape) {
            if (dim < 0) {
                throw new BadInputException(where + ": negative dimension in shape (" + shorten(s.group(1)) + ") of the .npy header");
            }
        }
        return new NpyHeader(d.group(1), f.group(1).equals("True"), shape, (int) (start + length));
    }

    private static String shorten(String s) {
        String t = s.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 100 ? t.substring(0, 97) + "..." : t;
    }

    /** The header bytes of a one-dimensional object array of {@code n} items (version 1.0, 64-byte aligned). */
    static byte[] objectArray(int n) {
        String dict = "{'descr': '|O', 'fortran_order': False, 'shape': (" + n + ",), }";
        int unpadded = 10 + dict.length() + 1;
        int padded = (unpadded + 63) / 64 * 64;
        String text = dict + " ".repeat(padded - unpadded) + "\n";
        byte[] out = new byte[10 + text.length()];
        System.arraycopy(MAGIC, 0, out, 0, 6);
        out[6] = 1;
        out[7] = 0;
        out[8] = (byte) text.length();
        out[9] = (byte) (text.length() >> 8);
        System.arraycopy(text.getBytes(StandardCharsets.ISO_8859_1), 0, out, 10, text.length());
        return out;
    }

    /** The shape as Python writes it: {@code (7400,)} or {@code (156, 3)}. */
    String shapeText() {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            b.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return b.append(')').toString();
    }
}
