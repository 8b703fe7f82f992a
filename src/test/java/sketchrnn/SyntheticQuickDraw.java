package sketchrnn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Quick, Draw! files made by the tests themselves (a fresh clone has no {@code ../shared}), in the formats of
 * docs/model.md §2.2-2.3: ndjson lines of raw drawings (float screen pixels and times) or simplified ones (integers
 * 0..255), and {@code .bin} records. The drawings are random wandering strokes from a seeded {@link Random}; they
 * exercise the readers and the {@code prepare} pipeline, not any property of real drawings.
 */
public final class SyntheticQuickDraw {
    private SyntheticQuickDraw() {
    }

    /** One raw ndjson line: 1-5 strokes of 2-80 points, float coordinates in a 1000-pixel screen, times in ms. */
    public static String rawLine(Random rng, long keyId, String word) {
        StringBuilder d = new StringBuilder("[");
        int strokes = 1 + rng.nextInt(5);
        double x = 200 + rng.nextDouble() * 600;
        double y = 200 + rng.nextDouble() * 600;
        long t = 0;
        for (int s = 0; s < strokes; s++) {
            int n = 2 + rng.nextInt(79);
            StringBuilder xs = new StringBuilder();
            StringBuilder ys = new StringBuilder();
            StringBuilder ts = new StringBuilder();
            double heading = rng.nextDouble() * 2 * Math.PI;
            for (int i = 0; i < n; i++) {
                heading += rng.nextGaussian() * 0.4;
                x = Math.max(0, Math.min(1000, x + Math.cos(heading) * (2 + rng.nextDouble() * 8)));
                y = Math.max(0, Math.min(1000, y + Math.sin(heading) * (2 + rng.nextDouble() * 8)));
                t += 10 + rng.nextInt(30);
                String sep = i == 0 ? "" : ",";
                xs.append(sep).append(String.format(Locale.ROOT, "%.2f", x));
                ys.append(sep).append(String.format(Locale.ROOT, "%.2f", y));
                ts.append(sep).append(t);
            }
            d.append(s == 0 ? "" : ",").append("[[").append(xs).append("],[").append(ys).append("],[").append(ts)
                    .append("]]");
            x += rng.nextGaussian() * 60;
            y += rng.nextGaussian() * 60;
            t += 200;
        }
        return line(keyId, word, "2017-03-10 22:17:57.57466 UTC", d.append("]"));
    }

    /** One simplified ndjson line: 1-6 strokes of 2-40 points, integer coordinates 0..255. */
    public static String simplifiedLine(Random rng, long keyId, String word) {
        StringBuilder d = new StringBuilder("[");
        int strokes = 1 + rng.nextInt(6);
        for (int s = 0; s < strokes; s++) {
            int n = 2 + rng.nextInt(39);
            StringBuilder xs = new StringBuilder();
            StringBuilder ys = new StringBuilder();
            for (int i = 0; i < n; i++) {
                String sep = i == 0 ? "" : ",";
                xs.append(sep).append(rng.nextInt(256));
                ys.append(sep).append(rng.nextInt(256));
            }
            d.append(s == 0 ? "" : ",").append("[[").append(xs).append("],[").append(ys).append("]]");
        }
        return line(keyId, word, "2017-03-10 22:17:57 UTC", d.append("]"));
    }

    private static String line(long keyId, String word, String timestamp, CharSequence drawing) {
        return "{\"word\":\"" + word + "\",\"countrycode\":\"US\",\"timestamp\":\"" + timestamp
                + "\",\"recognized\":true,\"key_id\":\"" + keyId + "\",\"drawing\":" + drawing + "}";
    }

    /** Writes {@code count} raw drawings of {@code word} as an ndjson file. */
    public static Path writeRaw(Path file, long seed, int count, String word) {
        Random rng = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add(rawLine(rng, seed * 1_000_000 + i, word));
        }
        return write(file, lines);
    }

    /** Writes {@code count} simplified drawings of {@code word} as an ndjson file. */
    public static Path writeSimplified(Path file, long seed, int count, String word) {
        Random rng = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add(simplifiedLine(rng, seed * 1_000_000 + i, word));
        }
        return write(file, lines);
    }

    private static Path write(Path file, List<String> lines) {
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One {@code .bin} record (little-endian): key_id u64, countrycode 2 bytes, recognized u8, timestamp u32,
     * n_strokes u16, then per stroke n_points u16, x[n_points] u8, y[n_points] u8.
     */
    public static byte[] binRecord(long keyId, String countryCode, boolean recognized, long timestamp, int[][] xs,
            int[][] ys) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 8; i++) {
            out.write((int) (keyId >>> (8 * i)));
        }
        out.writeBytes(countryCode.getBytes(StandardCharsets.US_ASCII));
        out.write(recognized ? 1 : 0);
        for (int i = 0; i < 4; i++) {
            out.write((int) (timestamp >>> (8 * i)));
        }
        out.write(xs.length);
        out.write(xs.length >>> 8);
        for (int s = 0; s < xs.length; s++) {
            out.write(xs[s].length);
            out.write(xs[s].length >>> 8);
            for (int x : xs[s]) {
                out.write(x);
            }
            for (int y : ys[s]) {
                out.write(y);
            }
        }
        return out.toByteArray();
    }

    /** A one-drawing {@code .bin} record of a bed-like drawing: 3 strokes, 25 points in all, the last of 9 points. */
    public static byte[] bedRecord() {
        int[][] xs = {{0, 0, 40, 120, 200, 255, 255, 250}, {30, 30, 90, 95, 40, 35, 30, 28},
            {100, 140, 180, 220, 250, 200, 150, 120, 100}};
        int[][] ys = {{10, 120, 125, 124, 122, 120, 60, 10}, {60, 90, 92, 60, 58, 59, 60, 61},
            {80, 78, 79, 81, 90, 100, 101, 99, 80}};
        return binRecord(5_204_066_358_181_888L, "US", true, 1_490_000_000L, xs, ys);
    }

    /** Writes {@link #bedRecord()} as a {@code .bin} file. */
    public static Path writeBed(Path file) {
        try {
            Files.write(file, bedRecord());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
