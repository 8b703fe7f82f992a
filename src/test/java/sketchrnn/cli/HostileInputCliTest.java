package sketchrnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import sketchrnn.data.NpzSketchWriter;
import sketchrnn.data.Sketch;
import sketchrnn.data.SketchSplits;
import sketchrnn.hostile.Malformations;
import sketchrnn.model.CellKind;
import sketchrnn.model.HParams;
import sketchrnn.model.SketchRnn;
import sketchrnn.checkpoint.ModelState;

/**
 * Malformed files of every kind the CLI reads, generated from a valid file of that kind (truncations, bit
 * flips, declared sizes, non-finite and out-of-range numbers, compression bombs), each run through the
 * CLI in-process as a user would: the answer is a success (a flipped bit may land where it changes
 * nothing) or exit 2 with one line that names the file and no Java class name; never exit 1, a stack
 * trace or an OutOfMemoryError.
 */
class HostileInputCliTest {
    /** A Java class name (java.util..., SomethingException, SomethingError) in a message. */
    static final Pattern CLASS_NAME = Pattern.compile("\\b(java|javax|com|sun|net|ai|picocli)\\.[a-z]+\\.|[A-Z]\\w*(Exception|Error)\\b");

    @TempDir
    Path tmp;

    /** Runs {@code args} with {@code {}} replaced by the file, and checks the answer. */
    static void assertCleanAnswer(Path file, String what, boolean mustFail, String... args) {
        String[] a = args.clone();
        for (int i = 0; i < a.length; i++) {
            a[i] = a[i].replace("{}", file.toString());
        }
        CliRun r = CliRun.of(a);
        String ctx = what + ": " + String.join(" ", a) + " -> " + r.code() + "\n" + r.err();
        assertThat(r.code()).as(ctx).isIn(mustFail ? List.of(2) : List.of(0, 2));
        if (r.code() == 2) {
            List<String> lines = r.err().lines().toList();
            assertThat(lines).as(ctx).hasSize(1);
            assertThat(lines.get(0)).as(ctx).startsWith("error: ").contains(file.getFileName().toString());
            assertThat(CLASS_NAME.matcher(lines.get(0)).find()).as(ctx + " names a Java class").isFalse();
            assertThat(lines.get(0).length()).as(ctx).isLessThan(400);
        }
    }

    private Stream<DynamicTest> cases(String ext, Map<String, byte[]> variants, boolean mustFail, String... args) {
        List<DynamicTest> tests = new ArrayList<>();
        int[] n = {0};
        variants.forEach((name, bytes) -> {
            Path file = tmp.resolve("case" + (n[0]++) + ext);
            tests.add(DynamicTest.dynamicTest(ext + " " + name, () -> {
                Files.write(file, bytes);
                assertCleanAnswer(file, name, mustFail, args);
            }));
        });
        return tests.stream();
    }

    // ---- npz ----

    static List<Sketch> sketches(float scale) {
        List<Sketch> out = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            out.add(Sketch.ofFlat(new float[] {1 * scale, 2 * scale, 0, 3 * scale + s, -4 * scale, 0, 5 * scale, 6, 1}));
        }
        return out;
    }

    private byte[] npz(List<Sketch> train) throws IOException {
        Path p = tmp.resolve("seed-" + System.nanoTime() + ".npz");
        NpzSketchWriter.write(p, new SketchSplits("seed", train, sketches(1), sketches(1)));
        return Files.readAllBytes(p);
    }

    @TestFactory
    Stream<DynamicTest> npzTruncatedAndFlipped() throws IOException {
        byte[] valid = npz(sketches(1));
        return cases(".npz", Malformations.generic(valid, 16, 12, 40), false, "info", "{}");
    }

    /** A pickle whose string declares far more bytes than the file has: 204 bytes asked 2 GiB. */
    @Test
    void npzPickleDeclaringAHugeString() throws IOException {
        for (int op : new int[] {'T', 'B', 'X', 0x8e, 0x8d, 0x96}) {
            byte[] header = npyHeader(1);
            ByteBuffer pickle = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
            pickle.put((byte) 0x80).put((byte) 4).put((byte) op);
            if (op >= 0x8d) {
                pickle.putLong(0x7fff_ffff_ffffL);
            } else {
                pickle.putInt(0x7fff_fff0);
            }
            pickle.put(new byte[] {1, 2, 3, '.'});
            byte[] npy = concat(header, java.util.Arrays.copyOf(pickle.array(), pickle.position()));
            Path file = tmp.resolve("huge-string-" + op + ".npz");
            Files.write(file, Malformations.zip(Map.of("train.npy", npy), false));
            assertCleanAnswer(file, "opcode " + op, true, "info", "{}");
        }
    }

    /** A header whose length field is near 2^31 (was a StringIndexOutOfBoundsException). */
    @Test
    void npzHeaderLengthCorrupt() throws IOException {
        byte[] npy = npyHeader(1);
        byte[] v2 = concat(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, (byte) 0xf0, (byte) 0xff, (byte) 0xff, 0x7f},
                java.util.Arrays.copyOfRange(npy, 10, npy.length));
        Path file = tmp.resolve("header.npz");
        Files.write(file, Malformations.zip(Map.of("train.npy", v2), false));
        assertCleanAnswer(file, "header length", true, "info", "{}");
    }

    /** A zip whose entry declares (or, lying, hides) a huge inflated size: refused before inflating it. */
    @Test
    void npzInflatingFarBeyondItsSize() throws IOException {
        byte[] bomb = Malformations.zipBomb("train.npy", 8 << 20);
        Path declared = tmp.resolve("declared.npz");
        Files.write(declared, Malformations.withDeclaredSize(bomb, 0xffff_fff0L));
        assertCleanAnswer(declared, "declared 4 GiB", true, "info", "{}");
        Path lying = tmp.resolve("lying.npz");
        Files.write(lying, Malformations.withDeclaredSize(bomb, 1000));
        assertCleanAnswer(lying, "declared 1000 bytes, inflates to 8 MiB", true, "info", "{}");
    }

    /** Values the reader used to accept silently: unsigned 2^64-1 (read as -1), pen 7 and -3, a sketch of no points. */
    @Test
    void npzValuesOutOfRange() throws IOException {
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("pen 7", npz(List.of(Sketch.ofFlat(new float[] {1, 2, 7}))));
        cases.put("pen -3", npz(List.of(Sketch.ofFlat(new float[] {1, 2, -3}))));
        cases.put("no points", npz(List.of(Sketch.ofFlat(new float[0]))));
        cases.put("offset 1e30", npz(List.of(Sketch.ofFlat(new float[] {1e30f, 2, 1}))));
        cases.put("uint64 2^64-1", uint64Npz());
        int n = 0;
        for (Map.Entry<String, byte[]> e : cases.entrySet()) {
            Path file = tmp.resolve("range" + (n++) + ".npz");
            Files.write(file, e.getValue());
            assertCleanAnswer(file, e.getKey(), true, "info", "{}");
        }
    }

    /**
     * A float64 data set whose dtype is changed to u8 and whose first value's bytes become 7f..7f (9.2e18 as
     * an unsigned 64-bit number; bytes under 0x80 keep the pickle's latin-1 text the same length).
     * The read of 2^64-1 itself is in {@code NumpyPickleTest}.
     */
    private byte[] uint64Npz() throws IOException {
        Path p = tmp.resolve("u8src.npz");
        NpzSketchWriter.write(p, new SketchSplits("u8", List.of(Sketch.ofFlat(new float[] {2, 2, 1}),
                Sketch.ofFlat(new float[] {0.5f, 1, 1})), List.of(), List.of()));
        byte[] npy;
        try (ZipFile zip = new ZipFile(p.toFile())) {
            npy = zip.getInputStream(zip.getEntry("train.npy")).readAllBytes();
        }
        String latin = new String(npy, StandardCharsets.ISO_8859_1);
        npy[latin.indexOf("f8")] = 'u';
        int data = latin.indexOf("\0\0\0\0\0\0\0\u0040");
        assertThat(data).isPositive();
        java.util.Arrays.fill(npy, data, data + 8, (byte) 0x7f);
        return Malformations.zip(Map.of("train.npy", npy), false);
    }

    private static byte[] npyHeader(int n) {
        String dict = "{'descr': '|O', 'fortran_order': False, 'shape': (" + n + ",), }";
        String text = dict + " ".repeat(64 - 10 - dict.length() - 1 + 64) + "\n";
        byte[] out = new byte[10 + text.length()];
        System.arraycopy(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, 0, out, 0, 8);
        out[8] = (byte) text.length();
        out[9] = (byte) (text.length() >> 8);
        System.arraycopy(text.getBytes(StandardCharsets.ISO_8859_1), 0, out, 10, text.length());
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    // ---- ndjson, raw and simplified ----

    static final String SIMPLIFIED = "{\"word\":\"cat\",\"key_id\":\"1\",\"recognized\":true,\"drawing\":[[[0,10,20],[0,15,3]],[[5,6],[7,9]]]}\n"
            + "{\"word\":\"cat\",\"key_id\":\"2\",\"recognized\":true,\"drawing\":[[[1,2,200],[3,4,100]]]}\n";
    static final String RAW = "{\"word\":\"cat\",\"key_id\":\"1\",\"recognized\":true,\"drawing\":[[[0,10.5,20],[0,15,3],[0,16,40]],[[5,6],[7,9],[50,66]]]}\n";

    @TestFactory
    Stream<DynamicTest> ndjsonTruncatedFlippedAndNonFinite() {
        List<DynamicTest> all = new ArrayList<>();
        for (String seed : List.of(SIMPLIFIED, RAW)) {
            Map<String, byte[]> v = Malformations.generic(seed.getBytes(StandardCharsets.UTF_8), seed.length(), 10, 30);
            v.putAll(Malformations.substitutions(seed, "10", Malformations.hostileNumbers()));
            all.addAll(cases(".ndjson", v, false, "info", "{}").toList());
            Map<String, byte[]> bad = Malformations.substitutions(seed, "10", Malformations.hostileNumbers());
            all.addAll(cases(".ndjson", bad, true, "prepare", "--input", "{}", "--out", tmp.resolve("p.npz").toString()).toList());
        }
        return all.stream();
    }

    /** One line of 6 MiB (a 100 MB line took 6 GB and 27 s): refused as soon as it is over the line limit. */
    @Test
    void ndjsonHugeLine() throws IOException {
        StringBuilder b = new StringBuilder("{\"drawing\":[[[");
        while (b.length() < 6 << 20) {
            b.append("1,");
        }
        b.append("1],[1]]]}\n");
        Path file = tmp.resolve("long.ndjson");
        Files.writeString(file, b);
        assertCleanAnswer(file, "6 MiB line", true, "info", "{}");
    }

    // ---- bin ----

    static byte[] binRecord(int strokes, int points) {
        ByteBuffer b = ByteBuffer.allocate(17 + strokes * (2 + 2 * points)).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(123).put((byte) 'U').put((byte) 'S').put((byte) 1).putInt(1_500_000_000).putShort((short) strokes);
        for (int s = 0; s < strokes; s++) {
            b.putShort((short) points);
            for (int i = 0; i < 2 * points; i++) {
                b.put((byte) (i * 37 + s));
            }
        }
        return b.array();
    }

    @TestFactory
    Stream<DynamicTest> binTruncatedFlippedAndDeclaredSizes() {
        byte[] valid = concat(binRecord(2, 5), binRecord(1, 3));
        Map<String, byte[]> v = Malformations.generic(valid, 7, 12, 30);
        byte[] huge = binRecord(1, 3);
        huge[15] = (byte) 0xff; // n_strokes 65535 in a file of a few bytes
        huge[16] = (byte) 0xff;
        v.put("n_strokes 65535", huge);
        return cases(".bin", v, false, "info", "{}");
    }

    // ---- svg and svgz ----

    static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\">"
            + "<path d=\"M 10 10 L 50 50 L 90 10\" stroke=\"black\" fill=\"none\"/>"
            + "<polyline points=\"5,5 20,30 40,5\" stroke=\"black\" fill=\"none\"/></svg>\n";

    @TestFactory
    Stream<DynamicTest> svgTruncatedFlippedAndNonFinite() throws IOException {
        Map<String, byte[]> v = Malformations.generic(SVG.getBytes(StandardCharsets.UTF_8), 3, 10, 30);
        v.putAll(Malformations.substitutions(SVG, "50", Malformations.hostileNumbers()));
        List<DynamicTest> all = new ArrayList<>(cases(".svg", v, false, "info", "{}").toList());
        byte[] gz = Malformations.gzip(SVG.getBytes(StandardCharsets.UTF_8));
        all.addAll(cases(".svgz", Malformations.generic(gz, 4, 10, 30), false, "info", "{}").toList());
        return all.stream();
    }

    /** {@code .svgz} is read (the docs say so), and gzip inside a {@code .svg} too. */
    @Test
    void svgzIsRead() throws IOException {
        byte[] gz = Malformations.gzip(SVG.getBytes(StandardCharsets.UTF_8));
        for (String name : List.of("a.svgz", "b.svg")) {
            Path file = tmp.resolve(name);
            Files.write(file, gz);
            CliRun r = CliRun.of("info", file.toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("1 ");
        }
    }

    /** 3 MB of gzip inflating past the SVG limit: refused while inflating, not after. */
    @Test
    void svgGzipBomb() throws IOException {
        byte[] head = "<svg xmlns=\"http://www.w3.org/2000/svg\"><!--".getBytes(StandardCharsets.UTF_8);
        Path file = tmp.resolve("bomb.svgz");
        Files.write(file, Malformations.gzipBomb(head, (byte) ' ', 65L << 20));
        assertCleanAnswer(file, "gzip bomb", true, "info", "{}");
    }

    // ---- json stroke files ----

    static final String JSON = "[[[1, 2, 0], [10, -4, 0], [5, 6, 1]], [[3, 3, 1]]]\n";

    @TestFactory
    Stream<DynamicTest> jsonTruncatedFlippedAndNonFinite() {
        Map<String, byte[]> v = Malformations.generic(JSON.getBytes(StandardCharsets.UTF_8), 5, 10, 30);
        List<DynamicTest> all = new ArrayList<>(cases(".json", v, false, "info", "{}").toList());
        Map<String, byte[]> bad = Malformations.substitutions(JSON, "10", Malformations.hostileNumbers());
        bad.putAll(Malformations.substitutions(JSON, "5, 6, 1", List.of("5, 6, 7", "5, 6, -3")));
        all.addAll(cases(".json", bad, true, "info", "{}").toList());
        return all.stream();
    }

    // ---- checkpoints ----

    static HParams tinyHp() {
        return HParams.defaults().withCells(CellKind.LSTM, CellKind.LSTM).withSizes(4, 6, 2).with("num_mixture", "20").withMaxSeqLen(20);
    }

    private Path checkpoint() {
        return checkpoint(true);
    }

    private Path checkpoint(boolean conditional) {
        Path file = tmp.resolve("seed-" + conditional + ".ckpt");
        try (SketchRnn model = SketchRnn.create(tinyHp().withConditional(conditional), 3)) {
            ModelState.capture(model, null, 5, 1.5, 2.0, List.of("x.npz"), 3, Map.of("valid_cost", 1.5)).write(file);
        }
        return file;
    }

    private static Map<String, byte[]> entries(Path zipFile) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                out.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> checkpointTruncatedAndFlipped() throws IOException {
        byte[] valid = Files.readAllBytes(checkpoint());
        Map<String, byte[]> v = Malformations.generic(valid, 11, 12, 40);
        v.put("declares 4 GiB per entry", Malformations.withDeclaredSize(valid, 0xffff_fff0L));
        return cases(".ckpt", v, false, "info", "{}");
    }

    /** Most bit flips land in the weights, whose CRC-32 is now checked: a flip is found, not used. */
    @Test
    void checkpointBitFlipsAreFound() throws IOException {
        byte[] valid = Files.readAllBytes(checkpoint());
        int found = 0;
        int n = 0;
        for (Map.Entry<String, byte[]> e : Malformations.generic(valid, 12, 0, 40).entrySet()) {
            if (e.getKey().equals("empty")) {
                continue;
            }
            Path file = tmp.resolve("flip" + (n++) + ".ckpt");
            Files.write(file, e.getValue());
            CliRun r = CliRun.of("info", file.toString());
            found += r.code() == 2 ? 1 : 0;
        }
        assertThat(found).as("bit flips found out of " + n).isGreaterThanOrEqualTo(n * 3 / 4);
    }

    /** train --resume from a checkpoint with one flipped byte in its weights stops, instead of hiding the damage. */
    @Test
    void resumeFromAFlippedCheckpointStops() throws IOException {
        Path run = Files.createDirectories(tmp.resolve("run"));
        byte[] bytes = Files.readAllBytes(checkpoint());
        int at = bytes.length * 6 / 10; // inside the deflated weights (the central directory is the last few hundred bytes)
        bytes[at] ^= 0x10;
        Files.write(run.resolve("last.ckpt"), bytes);
        CliRun r = CliRun.of("train", "--resume", "--out", run.toString(), "--max-steps", "1");
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).contains("last.ckpt").containsPattern("corrupt|CRC");
        assertThat(run.resolve("last.ckpt")).hasBinaryContent(bytes); // not overwritten with a fresh, valid-looking one
    }

    @TestFactory
    Stream<DynamicTest> checkpointDeclaredValues() throws IOException {
        Map<String, byte[]> seed = entries(checkpoint());
        String json = new String(seed.get("checkpoint.json"), StandardCharsets.UTF_8);
        Map<String, byte[]> v = new LinkedHashMap<>();
        for (String scale : List.of("0", "-2", "NaN", "1e400", "\"x\"", "null")) {
            v.put("scale factor " + scale, rezip(seed, json.replaceFirst("\"scale_factor\": [^,\\n]+", "\"scale_factor\": " + scale)));
        }
        String firstShape = json.substring(json.indexOf("\"shape\""), json.indexOf(']', json.indexOf("\"shape\"")) + 1);
        v.put("shape of 536870000 values", rezip(seed, json.replace(firstShape, "\"shape\": [536870000]")));
        v.put("shape [-1, 3]", rezip(seed, json.replace(firstShape, "\"shape\": [-1, 3]")));
        v.put("shape of 1e10", rezip(seed, json.replace(firstShape, "\"shape\": [100000, 100000]")));
        String firstName = json.substring(json.indexOf("\"name\""), json.indexOf(',', json.indexOf("\"name\"")));
        v.put("renamed parameter", rezip(seed, json.replace(firstName, "\"name\": \"dec/nothing\"")));
        v.put("hparams of another size", rezip(seed, json.replace("\"dec_rnn_size\": 6", "\"dec_rnn_size\": 7")));
        v.put("max_seq_len 1e9", rezip(seed, json.replace("\"max_seq_len\": 20", "\"max_seq_len\": 1000000000")));
        v.put("step -1", rezip(seed, json.replaceFirst("\"step\": \\d+", "\"step\": -1")));
        v.put("version \"one\"", rezip(seed, json.replaceFirst("\"version\": 1", "\"version\": \"one\"")));
        v.put("not JSON", rezip(seed, json.substring(0, json.length() / 2)));
        v.put("JSON of 20 MiB", rezip(seed, " ".repeat(20 << 20) + json));
        Map<String, byte[]> nan = new LinkedHashMap<>(seed);
        byte[] w = nan.get("weights.f32").clone();
        ByteBuffer.wrap(w).order(ByteOrder.LITTLE_ENDIAN).putFloat(8, Float.NaN);
        nan.put("weights.f32", w);
        v.put("NaN weight", Malformations.zip(nan, true));
        Map<String, byte[]> shortW = new LinkedHashMap<>(seed);
        shortW.put("weights.f32", java.util.Arrays.copyOf(w, w.length - 4));
        v.put("weights 4 bytes short", Malformations.zip(shortW, true));
        List<DynamicTest> all = new ArrayList<>(cases(".ckpt", v, true, "info", "{}").toList());
        all.addAll(cases(".ckpt", Map.of("NaN weight", v.get("NaN weight")), true,
                "sample", "--model", "{}", "--out", tmp.resolve("s.svg").toString()).toList());
        return all.stream();
    }

    private static byte[] rezip(Map<String, byte[]> seed, String json) throws IOException {
        Map<String, byte[]> e = new LinkedHashMap<>(seed);
        e.put("checkpoint.json", json.getBytes(StandardCharsets.UTF_8));
        return Malformations.zip(e, true);
    }

    // ---- browser models (.gen.json) ----

    @TestFactory
    Stream<DynamicTest> genJsonTruncatedFlippedAndDeclaredSizes() throws IOException {
        Path ckpt = checkpoint(false);
        Path gen = tmp.resolve("seed.gen.json");
        CliRun export = CliRun.of("export", "--model", ckpt.toString(), "--out", gen.toString());
        assertThat(export.code()).as(export.err()).isZero();
        String text = Files.readString(gen);
        Map<String, byte[]> v = Malformations.generic(text.getBytes(StandardCharsets.UTF_8), 9, 10, 30);
        List<DynamicTest> all = new ArrayList<>(cases(".gen.json", v, false, "info", "{}").toList());
        Map<String, byte[]> bad = new LinkedHashMap<>();
        for (String x : List.of("1e9", "1000000000", "-1", "NaN", "\"x\"")) {
            bad.put("max_seq_len " + x, text.replaceFirst("\"max_seq_len\":[^,}]+", "\"max_seq_len\":" + x).getBytes(StandardCharsets.UTF_8));
        }
        for (String x : List.of("0", "-2", "NaN", "1e400")) {
            bad.put("scale_factor " + x, text.replaceFirst("\"scale_factor\":[^,}]+", "\"scale_factor\":" + x).getBytes(StandardCharsets.UTF_8));
        }
        all.addAll(cases(".gen.json", bad, true, "sample", "--model", "{}", "--out", tmp.resolve("g.svg").toString()).toList());
        return all.stream();
    }
}
