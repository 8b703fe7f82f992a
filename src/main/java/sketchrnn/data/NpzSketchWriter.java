package sketchrnn.data;

import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a sketch-rnn {@code .npz} (docs/model.md §2.1) that numpy reads with
 * {@code np.load(f, allow_pickle=True, encoding='latin1')} (and with any other {@code encoding}):
 * {@code train.npy}, {@code valid.npy} and {@code test.npy}, deflated, each an object array of
 * {@code [N, 3]} arrays. The dtype is int16 when every value of every split is a whole number in
 * the int16 range (as in the published data sets), float64 otherwise. Written atomically: a sketch
 * with a non-finite value fails the write and leaves any existing file as it was.
 */
public final class NpzSketchWriter {
    private static final long FIXED_TIME = java.time.LocalDateTime.of(2000, 1, 1, 0, 0)
            .atZone(java.time.ZoneId.systemDefault()).toInstant().toEpochMilli();

    private NpzSketchWriter() {
    }

    /** Writes the three splits to {@code file}. */
    public static void write(Path file, SketchSplits splits) {
        boolean int16 = fitsInt16(splits.train()) && fitsInt16(splits.valid()) && fitsInt16(splits.test());
        AtomicFiles.write(file, stream -> {
            ZipOutputStream zip = new ZipOutputStream(stream);
            for (String split : NpzSketchReader.SPLITS) {
                List<Sketch> sketches = splits.split(split);
                requireFinite(sketches, split);
                ZipEntry entry = new ZipEntry(split + ".npy");
                entry.setTime(FIXED_TIME); // the same sketches give the same bytes
                zip.putNextEntry(entry);
                zip.write(NpyHeader.objectArray(sketches.size()));
                zip.write(NumpyPickleWriter.objectArray(sketches, int16));
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    private static void requireFinite(List<Sketch> sketches, String split) {
        for (int s = 0; s < sketches.size(); s++) {
            float[] flat = sketches.get(s).toFlat();
            for (int k = 0; k < flat.length; k++) {
                if (!Float.isFinite(flat[k])) {
                    throw new IllegalArgumentException(split + " sketch " + s + ", point " + k / 3 + ": " + flat[k]
                            + " cannot be written; offsets must be finite");
                }
            }
        }
    }

    /** Whether every value of these sketches is a whole number in {@code [-32768, 32767]}. */
    public static boolean fitsInt16(List<Sketch> sketches) {
        for (Sketch s : sketches) {
            for (float v : s.toFlat()) {
                if (v != Math.rint(v) || v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                    return false;
                }
            }
        }
        return true;
    }
}
