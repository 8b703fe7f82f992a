package sketchrnn.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads Quick, Draw! {@code .bin} files (docs/model.md §2.3): little-endian records repeated to the end of the
 * file, each {@code key_id} u64, {@code countrycode} 2 bytes, {@code recognized} u8, {@code timestamp}
 * u32 (unix seconds), {@code n_strokes} u16, then per stroke {@code n_points} u16,
 * {@code x[n_points]} u8, {@code y[n_points]} u8. The drawings are the simplified ones (0..255).
 * A file that ends inside a record is an error naming the record and the byte offset.
 */
public final class QuickDrawBinReader {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private QuickDrawBinReader() {
    }

    /** Reads every drawing of a file into memory. */
    public static List<QuickDrawDrawing> readAll(Path file) {
        List<QuickDrawDrawing> out = new ArrayList<>();
        read(file, out::add);
        return out;
    }

    /**
     * Streams the drawings of a file to {@code sink}, in file order.
     *
     * @return the number of drawings read
     */
    public static int read(Path file, Consumer<QuickDrawDrawing> sink) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            Input in = new Input(raw, file.getFileName().toString());
            int index = 0;
            while (in.hasMore()) {
                in.startRecord(index);
                sink.accept(record(in));
                index++;
            }
            return index;
        } catch (IOException e) {
            throw IoErrors.reading(file, e);
        }
    }

    private static QuickDrawDrawing record(Input in) throws IOException {
        long keyId = in.u64("key_id");
        String country = in.ascii(2, "countrycode");
        boolean recognized = in.u8("recognized") != 0;
        long timestamp = in.u32("timestamp");
        int strokes = in.u16("n_strokes");
        List<double[]> xs = new ArrayList<>(strokes);
        List<double[]> ys = new ArrayList<>(strokes);
        for (int s = 0; s < strokes; s++) {
            int n = in.u16("n_points of stroke " + s);
            xs.add(in.bytes(n, "x of stroke " + s));
            ys.add(in.bytes(n, "y of stroke " + s));
        }
        return new QuickDrawDrawing(Long.toUnsignedString(keyId), "", country, recognized,
                TIME.format(Instant.ofEpochSecond(timestamp)), Polylines.ofCoordinates(xs, ys), List.of());
    }

    /** Little-endian reads that know the byte offset and name what is missing when the file ends. */
    private static final class Input {
        private final InputStream in;
        private final String name;
        private long offset;
        private long recordStart;
        private int record;

        Input(InputStream in, String name) {
            this.in = in;
            this.name = name;
        }

        boolean hasMore() throws IOException {
            in.mark(1);
            int b = in.read();
            in.reset();
            return b >= 0;
        }

        void startRecord(int index) {
            record = index;
            recordStart = offset;
        }

        private byte[] exactly(int n, String what) throws IOException {
            byte[] buf = in.readNBytes(n);
            if (buf.length < n) {
                throw new BadInputException(name + ": truncated record " + record + " (starts at byte offset "
                        + recordStart + "): the file ends at byte offset " + (offset + buf.length) + ", in " + what
                        + " (expected " + n + " bytes, found " + buf.length + ")");
            }
            offset += n;
            return buf;
        }

        private long unsigned(int n, String what) throws IOException {
            byte[] b = exactly(n, what);
            long v = 0;
            for (int i = n - 1; i >= 0; i--) {
                v = (v << 8) | (b[i] & 0xff);
            }
            return v;
        }

        long u64(String what) throws IOException {
            return unsigned(8, what);
        }

        long u32(String what) throws IOException {
            return unsigned(4, what);
        }

        int u16(String what) throws IOException {
            return (int) unsigned(2, what);
        }

        int u8(String what) throws IOException {
            return (int) unsigned(1, what);
        }

        String ascii(int n, String what) throws IOException {
            return new String(exactly(n, what), java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        double[] bytes(int n, String what) throws IOException {
            byte[] b = exactly(n, what);
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = b[i] & 0xff;
            }
            return out;
        }
    }
}
