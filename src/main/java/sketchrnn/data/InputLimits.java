package sketchrnn.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Bounds for what a file may make us allocate. Every size a file declares (a zip entry's inflated
 * size, a pickled string's length, an array's shape, a record's count) is checked against what the
 * file can hold and against these limits before anything is allocated, and streams whose size is
 * unknown until read (inflated zip entries, gzip) are read with a bound. Over a limit: one
 * {@link BadInputException} naming the file, the place and the limit.
 */
public final class InputLimits {
    /**
     * The most bytes of a checkpoint's weights: 1 GiB, less with a small heap (see {@link #budget}). An npz
     * member may take a fifth of the heap, a gzip SVG {@link SvgSketchReader#MAX_SVG_BYTES}.
     */
    public static final long MAX_INFLATED_BYTES = 1L << 30;
    /** The most bytes of a text document read whole (an SVG, a JSON stroke file, a model's JSON): 256 MiB. */
    public static final long MAX_TEXT_BYTES = 256L << 20;
    /** The most characters of one ndjson line: 4 Mi (Quick, Draw! lines are at most some 20 KiB). */
    public static final int MAX_LINE_CHARS = 4 << 20;
    /** The most points of one sketch or drawing: 1 million (Quick, Draw! drawings have at most a few thousand). */
    public static final int MAX_POINTS = 1 << 20;

    /** The largest absolute coordinate or offset a sketch may have (pixels or data units): 10 million. */
    public static final double MAX_COORDINATE = 1e7;

    private InputLimits() {
    }

    /** Checks that a coordinate or offset is finite and within {@link #MAX_COORDINATE}. */
    public static double coordinate(double v, String where) {
        if (!Double.isFinite(v)) {
            throw new BadInputException(where + ": " + v + " is not a finite number");
        }
        if (Math.abs(v) > MAX_COORDINATE) {
            throw new BadInputException(where + ": " + v + " is outside the allowed range of +-1e7");
        }
        return v;
    }

    /** The bytes of memory that one file's content may take: a quarter of the heap, at most {@code max}. */
    public static long budget(long max) {
        return Math.min(max, Math.max(1L << 20, Runtime.getRuntime().maxMemory() / 4));
    }

    /**
     * Checks a declared size before allocating it.
     *
     * @param declared the size the file declares (negative: unknown, not checked)
     * @param limit    the largest allowed
     * @param where    the file and place, e.g. {@code sheep.npz: train.npy}
     * @param what     what is declared, e.g. {@code inflated size}
     */
    public static void check(long declared, long limit, String where, String what) {
        if (declared > limit) {
            throw new BadInputException(where + ": " + what + " of " + bytes(declared) + " is over the limit of "
                    + bytes(limit) + "; is the file corrupt?");
        }
    }

    /** Reads a whole stream, failing as soon as it holds more than {@code limit} bytes. */
    public static byte[] readAll(InputStream in, long limit, String where, String what) throws IOException {
        int cap = (int) Math.min(limit, Integer.MAX_VALUE - 16);
        byte[] out = in.readNBytes(cap);
        if (out.length == cap && in.read() >= 0) {
            throw new BadInputException(where + ": " + what + " is over the limit of " + bytes(limit)
                    + "; is the file corrupt or a compression bomb?");
        }
        return out;
    }

    /**
     * The bytes of one zip entry, inflated with a bound and checked against the CRC-32 the archive
     * records for it ({@link java.util.zip.ZipFile} itself never checks it, so a flipped byte would
     * otherwise go unnoticed).
     *
     * @param where the file, e.g. {@code run.ckpt}
     */
    public static byte[] readZipEntry(java.util.zip.ZipFile zip, java.util.zip.ZipEntry entry, long limit, String where)
            throws IOException {
        String place = where + ": " + entry.getName();
        check(entry.getSize(), limit, place, "an inflated size");
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = readAll(in, limit, place, "the inflated entry");
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new BadInputException(place + " is corrupt inside the zip (" + e.getMessage() + ")", e);
        }
        if (entry.getSize() >= 0 && bytes.length != entry.getSize()) {
            throw new BadInputException(place + " holds " + bytes.length + " bytes but the zip directory says "
                    + entry.getSize() + "; the file is corrupt");
        }
        if (entry.getCrc() >= 0) {
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(bytes);
            if (crc.getValue() != entry.getCrc()) {
                throw new BadInputException(place + " fails its CRC-32 check (the file is corrupt: a changed byte?)");
            }
        }
        return bytes;
    }

    /** The memory that sketches take on the heap, about: their float arrays and objects. */
    public static long sketchBytes(java.util.Collection<Sketch> sketches) {
        long n = 0;
        for (Sketch s : sketches) {
            n += 48 + 12L * s.size();
        }
        return n;
    }

    /**
     * Checks that sketches held in memory stay within {@code 1/share} of the heap, before the next file is
     * read: many Quick, Draw! classes at once (345 of 70 000 drawings) are refused with advice, not an
     * OutOfMemoryError after minutes.
     *
     * @param held    the bytes of the sketches held so far ({@link #sketchBytes})
     * @param share   the part of the heap they may take: 1 / share
     * @param what    what holds them, e.g. {@code "the drawings of 120 of 345 files (8 400 000 sketches)"}
     * @param advice  what to do instead
     */
    public static void checkHeld(long held, int share, String what, String advice) {
        long budget = Runtime.getRuntime().maxMemory() / share;
        if (held > budget) {
            throw new BadInputException(what + " take about " + bytes(held) + ", over the " + bytes(budget)
                    + " this program may use for them (1/" + share + " of the Java heap of "
                    + bytes(Runtime.getRuntime().maxMemory()) + "); " + advice);
        }
    }

    /** A byte count as a person reads it: {@code 512 bytes}, {@code 3.0 MiB}, {@code 5.0 GiB}. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " bytes";
        }
        if (n < 1L << 20) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        if (n < 1L << 30) {
            return String.format(Locale.ROOT, "%.1f MiB", n / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.1f GiB", n / (double) (1L << 30));
    }
}
