package sketchrnn.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Builds a sketch-rnn training set ({@code .npz}) from Quick, Draw! files: raw drawings are
 * simplified with {@link QuickDrawSimplifier} (which also applies RDP), simplified ones are taken as
 * they are; every drawing becomes stroke-3; drawings longer than a limit are dropped; the rest is
 * shuffled with a seed and split into train, valid and test.
 */
public final class TrainingSetPreparer {
    private TrainingSetPreparer() {
    }

    /**
     * How to prepare.
     *
     * @param maxPoints drop sketches with more points than this
     * @param fractions the train, valid and test fractions, summing to 1
     * @param seed      the shuffling seed (the same seed and inputs give the same file)
     * @param skipBad   skip (and count) bad ndjson lines and unreadable SVG files instead of failing
     * @param simplify  when to simplify an SVG or JSON drawing ({@link SketchSimplifier}, at the usual
     *                  tolerance): AUTO those longer than {@code maxPoints}, ALWAYS all, NEVER none (Quick, Draw!
     *                  drawings are simplified already)
     */
    public record Options(int maxPoints, double[] fractions, long seed, boolean skipBad, SketchSimplifier.Mode simplify) {
        /** Options that simplify drawings only when longer than {@code maxPoints}. */
        public Options(int maxPoints, double[] fractions, long seed, boolean skipBad) {
            this(maxPoints, fractions, seed, skipBad, SketchSimplifier.Mode.AUTO);
        }

        public Options {
            if (maxPoints < 1) {
                throw new BadInputException("--max-points must be at least 1, got " + maxPoints);
            }
            if (fractions.length != 3) {
                throw new BadInputException("--split needs 3 fractions (train, valid, test), got " + fractions.length);
            }
            double sum = 0;
            for (double f : fractions) {
                if (!(f >= 0 && f <= 1)) {
                    throw new BadInputException("--split fractions must be between 0 and 1, got " + f);
                }
                sum += f;
            }
            if (Math.abs(sum - 1) > 1e-6) {
                throw new BadInputException("--split fractions must sum to 1, they sum to "
                        + new java.math.BigDecimal(sum).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString());
            }
            fractions = fractions.clone();
        }

        /** The defaults: 250 points, 0.9 / 0.05 / 0.05, seed 1, strict. */
        public static Options defaults() {
            return new Options(250, new double[] {0.9, 0.05, 0.05}, 1, false);
        }
    }

    /**
     * What was written.
     *
     * @param train   sketches in the train split
     * @param valid   sketches in the valid split
     * @param test    sketches in the test split
     * @param dropped drawings dropped for having more points than the limit (or none at all)
     * @param skipped bad lines or files skipped
     * @param files   input files read
     * @param simplified drawings simplified ({@link SketchSimplifier}) to fit or because asked
     * @param pointsBefore their points before simplification, all together
     * @param pointsAfter  their points after
     */
    public record Report(int train, int valid, int test, int dropped, int skipped, int files, int simplified,
            long pointsBefore, long pointsAfter) {
        public Report(int train, int valid, int test, int dropped, int skipped, int files) {
            this(train, valid, test, dropped, skipped, files, 0, 0, 0);
        }

        /** The one-line summary {@code sketchrnn prepare} prints. */
        public String summary(Path out, int maxPoints) {
            String simple = simplified == 0 ? "" : String.format("; simplified %d drawing%s from %d to %d points in all",
                    simplified, simplified == 1 ? "" : "s", pointsBefore, pointsAfter);
            return String.format("wrote %s: train %d, valid %d, test %d (from %d drawings in %d file%s%s; dropped %d "
                    + "longer than %d points or empty; skipped %d bad)", out, train, valid, test,
                    train + valid + test + dropped, files, files == 1 ? "" : "s", simple, dropped, maxPoints, skipped);
        }
    }

    /**
     * The files to read: a directory contributes its {@code *.ndjson}, {@code *.bin} and {@code *.svg}
     * files (sorted by name, not recursive); a file is taken as it is if it is one of those or a
     * {@code .json} sketch file.
     */
    public static List<Path> expandInputs(List<Path> inputs) {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                List<Path> inside;
                try (Stream<Path> list = Files.list(input)) {
                    inside = list.filter(p -> Files.isRegularFile(p) && isQuickDrawOrSvg(SketchFiles.kind(p)))
                            .sorted().toList();
                } catch (IOException e) {
                    throw IoErrors.reading(input, e);
                }
                if (inside.isEmpty()) {
                    throw new BadInputException(input + ": no .ndjson, .bin or .svg files inside");
                }
                files.addAll(inside);
            } else if (!Files.exists(input)) {
                throw new BadInputException("no such file: " + input);
            } else {
                SketchFiles.Kind kind = SketchFiles.kind(input);
                if (!isQuickDrawOrSvg(kind) && kind != SketchFiles.Kind.JSON) {
                    throw new BadInputException(input + ": expected a Quick, Draw! .ndjson or .bin file, an .svg, "
                            + "a .json sketch file or a directory of them");
                }
                files.add(input);
            }
        }
        return files;
    }

    /** Reads the inputs, prepares the sketches and writes {@code out} atomically. */
    public static Report prepare(List<Path> inputs, Path out, Options options) {
        // 1. Read every drawing as stroke-3, simplifying raw ones.
        List<Path> files = expandInputs(inputs);
        List<Sketch> sketches = new ArrayList<>();
        int skipped = 0;
        List<Boolean> fromDrawingFiles = new ArrayList<>();
        long held = 0;
        for (int f = 0; f < files.size(); f++) {
            Path file = files.get(f);
            int before = sketches.size();
            skipped += read(file, options.skipBad(), sketches);
            SketchFiles.Kind kind = SketchFiles.kind(file);
            boolean drawing = kind != SketchFiles.Kind.NDJSON && kind != SketchFiles.Kind.BIN;
            while (fromDrawingFiles.size() < sketches.size()) {
                fromDrawingFiles.add(drawing);
            }
            held += InputLimits.sketchBytes(sketches.subList(before, sketches.size()));
            // the sketches are held whole (to shuffle and split them), then copied into the .npz
            InputLimits.checkHeld(held, 4, file.getFileName() + ": the drawings of " + (f + 1) + " of "
                    + files.size() + " files (" + sketches.size() + " sketches)", "prepare fewer classes at once"
                    + " (one .npz per class or per group, then train --data A.npz,B.npz), or give Java more memory"
                    + " (SKETCHRNN_JAVA_OPTS=-Xmx16g)");
        }
        // 2. Simplify those too long (or all, or none, as asked), then drop sketches still too long (or empty).
        List<Sketch> kept = new ArrayList<>(sketches.size());
        int simplified = 0;
        long before = 0;
        long after = 0;
        for (int k = 0; k < sketches.size(); k++) {
            Sketch read = sketches.get(k);
            // Quick, Draw! drawings are simplified already (raw ones above, as Google did): only SVG and JSON
            // drawings are simplified here, at the usual tolerance (training data keeps one spacing)
            SketchSimplifier.Result r = k < fromDrawingFiles.size() && fromDrawingFiles.get(k)
                    ? SketchSimplifier.fit(read, options.maxPoints(), options.simplify(), 0)
                    : new SketchSimplifier.Result(read, read.size(), 0);
            Sketch s = r.sketch();
            if (r.simplified()) {
                simplified++;
                before += r.before();
                after += s.size();
            }
            if (s.size() > 0 && s.size() <= options.maxPoints()) {
                kept.add(s);
            }
        }
        int dropped = sketches.size() - kept.size();
        if (kept.isEmpty()) {
            throw new BadInputException("no drawings left to write (read " + sketches.size() + ", dropped " + dropped
                    + " longer than " + options.maxPoints() + " points or empty, skipped " + skipped + " bad)");
        }
        // 3. Shuffle with the seed and split by the fractions.
        String name = out.getFileName().toString().replaceFirst("(?i)\\.npz$", "");
        SketchSplits splits = split(kept, options.fractions(), options.seed(), name);
        // 4. Write.
        NpzSketchWriter.write(out, splits);
        return new Report(splits.train().size(), splits.valid().size(), splits.test().size(), dropped, skipped,
                files.size(), simplified, before, after);
    }

    /**
     * Shuffles sketches with {@code new Random(seed)} and cuts them at the rounded cumulative fractions:
     * train gets {@code round(n * f0)}, valid up to {@code round(n * (f0 + f1))}, test the rest.
     */
    public static SketchSplits split(List<Sketch> sketches, double[] fractions, long seed, String name) {
        List<Sketch> shuffled = new ArrayList<>(sketches);
        Collections.shuffle(shuffled, new Random(seed));
        int n = shuffled.size();
        int a = (int) Math.round(n * fractions[0]);
        int b = Math.max(a, Math.min(n, (int) Math.round(n * (fractions[0] + fractions[1]))));
        return new SketchSplits(name, shuffled.subList(0, a), shuffled.subList(a, b), shuffled.subList(b, n));
    }

    private static boolean isQuickDrawOrSvg(SketchFiles.Kind kind) {
        return kind == SketchFiles.Kind.NDJSON || kind == SketchFiles.Kind.BIN || kind == SketchFiles.Kind.SVG;
    }

    /** Adds the sketches of one file; returns how many bad lines or files were skipped. */
    private static int read(Path file, boolean skipBad, List<Sketch> into) {
        switch (SketchFiles.kind(file)) {
            case NDJSON -> {
                return new QuickDrawNdjsonReader(skipBad).read(file, d -> into.add(d.toSimplifiedSketch()));
            }
            case BIN -> {
                QuickDrawBinReader.read(file, d -> into.add(d.toSketch()));
                return 0;
            }
            default -> {
                try {
                    into.addAll(SketchFiles.load(file, null));
                    return 0;
                } catch (BadInputException e) {
                    if (!skipBad) {
                        throw e;
                    }
                    return 1;
                }
            }
        }
    }
}
