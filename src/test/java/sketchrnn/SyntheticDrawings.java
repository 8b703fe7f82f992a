package sketchrnn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import sketchrnn.data.NpzSketchWriter;
import sketchrnn.data.Sketch;
import sketchrnn.data.SketchSplits;

/**
 * A learnable stand-in for a small real data set, made by the tests themselves (a fresh clone has no
 * {@code ../shared}): each drawing is one or two closed regular polygons (3 to 6 sides, 2 or 3 points a side,
 * radius 15 to 45 units, placed at random), as integer stroke-3 offsets, so it reads like the int16 sketch-rnn
 * {@code .npz} files. The shapes are regular enough for a tiny model to learn something in a hundred steps.
 */
public final class SyntheticDrawings {
    /** The longest drawing: two hexagons of 3 points a side, each closed. */
    public static final int MAX_POINTS = 2 * (6 * 3 + 1);

    private SyntheticDrawings() {
    }

    /** One drawing from {@code rng}. */
    public static Sketch drawing(Random rng) {
        List<int[]> points = new ArrayList<>(); // absolute x, y, pen lift after the point
        int shapes = 1 + rng.nextInt(2);
        for (int s = 0; s < shapes; s++) {
            int sides = 3 + rng.nextInt(4);
            int perSide = 2 + rng.nextInt(2);
            double radius = 15 + rng.nextInt(31);
            double cx = rng.nextInt(121) - 60;
            double cy = rng.nextInt(121) - 60;
            double phase = rng.nextDouble() * 2 * Math.PI;
            int n = sides * perSide;
            for (int k = 0; k <= n; k++) { // k == n closes the shape at its first point
                int side = (k / perSide) % sides;
                double t = (k % perSide) / (double) perSide;
                double a0 = phase + 2 * Math.PI * side / sides;
                double a1 = phase + 2 * Math.PI * (side + 1) / sides;
                double x = cx + radius * ((1 - t) * Math.cos(a0) + t * Math.cos(a1));
                double y = cy + radius * ((1 - t) * Math.sin(a0) + t * Math.sin(a1));
                points.add(new int[] {(int) Math.round(x), (int) Math.round(y), k == n ? 1 : 0});
            }
        }
        float[] flat = new float[3 * points.size()];
        int px = 0;
        int py = 0;
        for (int i = 0; i < points.size(); i++) {
            int[] p = points.get(i);
            flat[3 * i] = p[0] - px;
            flat[3 * i + 1] = p[1] - py;
            flat[3 * i + 2] = p[2];
            px = p[0];
            py = p[1];
        }
        return Sketch.ofFlat(flat);
    }

    /** {@code count} drawings. */
    public static List<Sketch> drawings(Random rng, int count) {
        List<Sketch> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(drawing(rng));
        }
        return out;
    }

    /** Three splits of drawings from one seed. */
    public static SketchSplits splits(String name, long seed, int train, int valid, int test) {
        Random rng = new Random(seed);
        return new SketchSplits(name, drawings(rng, train), drawings(rng, valid), drawings(rng, test));
    }

    private static Path sheepSized;

    /**
     * A stand-in for {@code aaron_sheep.npz} with its split sizes (7400 / 300 / 300 drawings), for tests whose point
     * is not the sheep themselves: {@code synthetic_sheep.npz}, written once per test run into a temporary folder
     * (deleted when the JVM exits). Read-only for its users.
     */
    public static synchronized Path sheepSized() {
        if (sheepSized == null) {
            try {
                Path dir = Files.createTempDirectory("sketchrnn-synthetic");
                dir.toFile().deleteOnExit();
                Path file = writeNpz(dir.resolve("synthetic_sheep.npz"), 1704, 7400, 300, 300);
                file.toFile().deleteOnExit();
                sheepSized = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sheepSized;
    }

    /**
     * A copy of a zip file whose entries are <em>stored</em> (not deflated), as in the published sketch-rnn files,
     * so that byte offsets into the file fall into an entry's raw data.
     */
    public static Path storedCopy(Path zip, Path out) {
        try (ZipFile in = new ZipFile(zip.toFile());
             ZipOutputStream zos = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry e : Collections.list(in.entries())) {
                byte[] data;
                try (InputStream is = in.getInputStream(e)) {
                    data = is.readAllBytes();
                }
                ZipEntry stored = new ZipEntry(e.getName());
                stored.setMethod(ZipEntry.STORED);
                stored.setSize(data.length);
                stored.setCompressedSize(data.length);
                CRC32 crc = new CRC32();
                crc.update(data);
                stored.setCrc(crc.getValue());
                zos.putNextEntry(stored);
                zos.write(data);
                zos.closeEntry();
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes three splits as a sketch-rnn {@code .npz} file (int16 stroke-3) and returns the file. */
    public static Path writeNpz(Path file, long seed, int train, int valid, int test) {
        String name = file.getFileName().toString().replaceFirst("\\.npz$", "");
        NpzSketchWriter.write(file, splits(name, seed, train, valid, test));
        return file;
    }
}
