package sketchrnn.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a sketch-rnn {@code .npz} (docs/model.md §2.1): a zip of {@code train.npy}, {@code valid.npy} and
 * {@code test.npy}, each a numpy object array whose pickle holds one {@code [N, 3]} stroke-3 array
 * per sketch (int16, float64 or another plain number type). A missing {@code valid} or {@code test}
 * split reads as empty; a missing {@code train} split is an error.
 */
public final class NpzSketchReader {
    /** The split names, in file order. */
    public static final List<String> SPLITS = List.of("train", "valid", "test");

    private NpzSketchReader() {
    }

    /** Reads the three splits; the data set is named after the file (without {@code .npz}). */
    public static SketchSplits read(Path file) {
        String name = file.getFileName().toString();
        if (!Files.exists(file)) {
            throw IoErrors.reading(file, new NoSuchFileException(file.toString()));
        }
        List<List<Sketch>> splits = new ArrayList<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (String split : SPLITS) {
                ZipEntry entry = zip.getEntry(split + ".npy");
                if (entry == null) {
                    entry = zip.getEntry(split);
                }
                if (entry == null) {
                    if (split.equals("train")) {
                        throw new BadInputException(name + ": no train.npy inside; expected a sketch-rnn .npz with "
                                + "train.npy, valid.npy and test.npy");
                    }
                    splits.add(List.of());
                    continue;
                }
                // the entry, the pickled arrays and the sketches made of them take about 4 times its size at the peak
                long limit = Math.min(Integer.MAX_VALUE - 16L, Runtime.getRuntime().maxMemory() / 5);
                byte[] bytes = InputLimits.readZipEntry(zip, entry, limit, name);
                splits.add(sketches(bytes, name + ": " + entry.getName()));
            }
        } catch (ZipException e) {
            throw new BadInputException(name + ": not a readable zip archive (" + e.getMessage()
                    + "); expected a sketch-rnn .npz, is it truncated or corrupt?", e);
        } catch (IOException e) {
            throw IoErrors.reading(file, e);
        }
        String base = name.toLowerCase(java.util.Locale.ROOT).endsWith(".npz") ? name.substring(0, name.length() - 4) : name;
        return new SketchSplits(base, splits.get(0), splits.get(1), splits.get(2));
    }

    /** The sketches of one {@code .npy} entry. */
    static List<Sketch> sketches(byte[] npy, String where) {
        // 1. The header must announce an object array.
        NpyHeader header = NpyHeader.parse(npy, where);
        if (!header.descr().equals("|O")) {
            throw new BadInputException(where + ": an array of dtype '" + header.descr() + "' and shape "
                    + header.shapeText() + "; expected an object array ('|O') holding one [N, 3] array per sketch");
        }
        // 2. Unpickle the payload.
        Object root;
        try {
            // one opcode creates at most one object of some 50 bytes: a pickle of nothing but EMPTY_LIST then
            // takes under half the heap; a sketch takes about 15 opcodes (630 000 sketches: 9.5 million)
            long maxOps = Math.max(1 << 16, Runtime.getRuntime().maxMemory() / 120);
            root = NumpyPickle.load(npy, header.dataOffset(), maxOps);
        } catch (java.io.EOFException e) {
            throw new BadInputException(where + ": the pickle after the header at byte offset " + header.dataOffset()
                    + " is truncated; expected a complete pickled object array", e);
        } catch (net.razorvine.pickle.PickleException e) {
            throw new BadInputException(where + ": unreadable pickle after the header at byte offset "
                    + header.dataOffset() + " (" + e.getMessage() + ")", e);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(where + ": unreadable pickle after the header at byte offset "
                    + header.dataOffset() + "; expected a pickled object array of [N, 3] arrays", e);
        }
        // 3. The object array (or a plain list) holds the sketches.
        List<?> items = items(root, where);
        List<Sketch> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(sketch(items.get(i), where + ": sketch " + i));
        }
        return out;
    }

    private static List<?> items(Object root, String where) {
        if (root instanceof NumpyPickle.ArrayState a && a.data instanceof List<?> list) {
            return list;
        }
        if (root instanceof List<?> list) {
            return list;
        }
        if (root instanceof Object[] tuple) {
            return List.of(tuple);
        }
        throw new BadInputException(where + ": the pickle holds " + describe(root)
                + "; expected a list (object array) of numpy arrays");
    }

    private static Sketch sketch(Object item, String where) {
        if (!(item instanceof NumpyPickle.ArrayState a)) {
            throw new BadInputException(where + " is " + describe(item) + "; expected a numpy array of shape [N, 3]");
        }
        if (a.shape.length != 2 || a.shape[1] != 3) {
            throw new BadInputException(where + " has shape " + a.shapeText() + "; expected (N, 3) stroke-3 points");
        }
        double[] values = a.values();
        if (values == null) {
            throw new BadInputException(where + " has dtype " + a.dtype + " or a data size that does not match shape "
                    + a.shapeText() + "; expected int16 or float64 numbers");
        }
        if (values.length == 0) {
            throw new BadInputException(where + " has no points; expected at least one (dx, dy, p) row");
        }
        if (values.length / 3 > InputLimits.MAX_POINTS) {
            throw new BadInputException(where + " has " + values.length / 3 + " points; at most "
                    + InputLimits.MAX_POINTS + " are allowed");
        }
        float[] flat = new float[values.length];
        for (int k = 0; k < values.length; k++) {
            double v = values[k];
            if (k % 3 == 2) {
                if (v != 0 && v != 1) {
                    throw new BadInputException(where + ", point " + k / 3 + ": pen value " + number(v)
                            + "; expected 0 or 1");
                }
            } else {
                InputLimits.coordinate(v, where + ", point " + k / 3);
            }
            flat[k] = (float) v;
        }
        return Sketch.ofFlat(flat);
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof NumpyPickle.ArrayState a) {
            return "a numpy array of dtype " + a.dtype + " and shape " + a.shapeText();
        }
        if (o instanceof Object[]) {
            return "a tuple";
        }
        if (o instanceof List<?>) {
            return "a list";
        }
        if (o instanceof java.util.Map<?, ?>) {
            return "a dict";
        }
        if (o instanceof String || o instanceof byte[]) {
            return "a string";
        }
        if (o instanceof Number) {
            return "a number";
        }
        return "an object of another kind";
    }
}
