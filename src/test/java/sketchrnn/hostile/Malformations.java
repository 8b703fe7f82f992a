package sketchrnn.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A property-style generator of malformed files: from one valid file, the generic damage every reader
 * must survive (truncation at many lengths, single-bit flips at seeded random places), plus helpers for the
 * format-specific damage (zip entries whose directory declares sizes they do not have, compression bombs).
 * The same seed gives the same files, so a failure names a reproducible case.
 */
public final class Malformations {
    private Malformations() {
    }

    /** Named variants of one file. */
    public static Map<String, byte[]> generic(byte[] valid, long seed, int truncations, int flips) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        SplittableRandom rng = new SplittableRandom(seed);
        out.put("empty", new byte[0]);
        for (int i = 0; i < truncations; i++) {
            int n = i == 0 ? 1 : i == 1 ? valid.length - 1 : rng.nextInt(1, Math.max(2, valid.length - 1));
            out.put("truncated to " + n + " bytes", java.util.Arrays.copyOf(valid, n));
        }
        for (int i = 0; i < flips; i++) {
            byte[] b = valid.clone();
            int at = rng.nextInt(b.length);
            int bit = rng.nextInt(8);
            b[at] ^= (byte) (1 << bit);
            out.put("bit " + bit + " of byte " + at + " flipped", b);
        }
        return out;
    }

    /** Zip entries, stored or deflated, in order. */
    public static byte[] zip(Map<String, byte[]> entries, boolean deflate) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                if (!deflate) {
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A zip of one deflated entry of {@code size} zero bytes (a compression bomb: 1 GiB packs to 1 MiB). */
    public static byte[] zipBomb(String name, long size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            zip.putNextEntry(new ZipEntry(name));
            byte[] zeros = new byte[1 << 20];
            for (long done = 0; done < size; done += zeros.length) {
                zip.write(zeros, 0, (int) Math.min(zeros.length, size - done));
            }
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** Gzip of {@code size} bytes of {@code fill} after {@code head}. */
    public static byte[] gzipBomb(byte[] head, byte fill, long size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes, 1 << 16)) {
            gz.write(head);
            byte[] block = new byte[1 << 20];
            java.util.Arrays.fill(block, fill);
            for (long done = 0; done < size; done += block.length) {
                gz.write(block, 0, (int) Math.min(block.length, size - done));
            }
        }
        return bytes.toByteArray();
    }

    /** Gzip of some bytes. */
    public static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }

    /**
     * The zip with the uncompressed size of every entry, in the central directory (which
     * {@link java.util.zip.ZipFile} reads) and the local headers, replaced by {@code size}.
     */
    public static byte[] withDeclaredSize(byte[] zip, long size) {
        byte[] b = zip.clone();
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 30 <= b.length; i++) {
            int sig = buf.getInt(i);
            if (sig == 0x02014b50 && i + 28 <= b.length) {
                buf.putInt(i + 24, (int) size);
            } else if (sig == 0x04034b50) {
                buf.putInt(i + 22, (int) size);
            }
        }
        return b;
    }

    /** Every place of {@code needle} in {@code text} replaced by each of the replacements, one file per replacement. */
    public static Map<String, byte[]> substitutions(String text, String needle, List<String> replacements) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (!text.contains(needle)) {
            throw new IllegalArgumentException("the seed has no " + needle);
        }
        for (String r : replacements) {
            out.put(needle + " -> " + r, text.replace(needle, r).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Non-finite and out-of-range numbers as JSON or SVG text spells them. */
    public static List<String> hostileNumbers() {
        return new ArrayList<>(List.of("1e300", "-1e300", "1e400", "NaN", "Infinity", "-Infinity", "1e39", "3.4e38"));
    }
}
