package sketchrnn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sketchrnn.Shared;
import sketchrnn.SyntheticDrawings;

class NpzSketchReaderTest {
    @TempDir
    Path tmp;

    @Test
    void readsAaronSheepWithItsPublishedCounts() {
        SketchSplits sheep = NpzSketchReader.read(Shared.path("data/aaron_sheep.npz"));
        assertThat(sheep.name()).isEqualTo("aaron_sheep");
        assertThat(sheep.train()).hasSize(7400);
        assertThat(sheep.valid()).hasSize(300);
        assertThat(sheep.test()).hasSize(300);
        // Every point is (dx, dy, p) with p 0 or 1.
        for (Sketch s : sheep.train()) {
            for (int i = 0; i < s.size(); i++) {
                assertThat(s.pen(i)).isIn(0f, 1f);
            }
        }
    }

    /**
     * The first sketch of train.npy, checked against the bytes of the file: its pickle stores the
     * array as BINSTRING ('T', u32 length) right after the NEWFALSE (0x89) of the array state, and the
     * first bytes there are 02 00 fc ff 00 00 09 00 f7 ff 00 00 10 00 f9 ff 00 00, i.e. int16 rows
     * (2, -4, 0), (9, -9, 0), (16, -7, 0); the length 936 is 156 rows of 3 int16.
     */
    @Test
    void firstSheepPointsMatchTheRawBytes() throws IOException {
        Path file = Shared.path("data/aaron_sheep.npz");
        short[] fromBytes = firstArrayOfTrain(file);
        assertThat(fromBytes.length).isEqualTo(156 * 3);
        assertThat(Arrays.copyOf(fromBytes, 9)).containsExactly(2, -4, 0, 9, -9, 0, 16, -7, 0);

        Sketch first = NpzSketchReader.read(file).train().get(0);
        assertThat(first.size()).isEqualTo(156);
        float[] flat = first.toFlat();
        for (int k = 0; k < flat.length; k++) {
            assertThat(flat[k]).as("value %d", k).isEqualTo(fromBytes[k]);
        }
    }

    @Test
    void readsKanjiAndOmniglot() {
        SketchSplits kanji = NpzSketchReader.read(Shared.path("data/short_kanji.npz"));
        assertThat(new int[] {kanji.train().size(), kanji.valid().size(), kanji.test().size()})
                .containsExactly(10000, 600, 500);
        assertThat(kanji.train().get(0).size()).isEqualTo(32);
        SketchSplits omniglot = NpzSketchReader.read(Shared.path("data/omniglot.npz"));
        assertThat(new int[] {omniglot.train().size(), omniglot.valid().size(), omniglot.test().size()})
                .containsExactly(30000, 1000, 1000);
        assertThat(omniglot.train().get(0).size()).isEqualTo(9);
    }

    /** A file numpy 2 wrote (numpy._core.multiarray, pickle protocol 4), with int16 and float64 sketches. */
    @Test
    void readsNumpy2FilesWithFloatSketches() throws Exception {
        SketchSplits s = NpzSketchReader.read(resource("numpy2-small.npz"));
        assertThat(s.train()).hasSize(2);
        assertThat(s.train().get(0).toRows()).isDeepEqualTo(new float[][] {{1, 2, 0}, {3, -4, 1}});
        assertThat(s.train().get(1).toRows()).isDeepEqualTo(new float[][] {{0.5f, -1.25f, 0}, {2, 3, 0}, {-7, 8, 1}});
        assertThat(s.valid().get(0).toRows()).isDeepEqualTo(new float[][] {{10, 20, 1}});
        assertThat(s.test()).isEmpty();
    }

    @Test
    void truncatedZipIsReportedWithTheFileName() throws IOException {
        // a stand-in for aaron_sheep.npz, its entries stored (not deflated) like that file's
        Path stored = SyntheticDrawings.storedCopy(SyntheticDrawings.sheepSized(), tmp.resolve("stored.npz"));
        byte[] whole = Files.readAllBytes(stored);
        Path cut = tmp.resolve("cut.npz");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> NpzSketchReader.read(cut))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("cut.npz")
                .hasMessageContaining("zip");
    }

    @Test
    void corruptEntryIsReported() throws IOException {
        // a stand-in for aaron_sheep.npz, its entries stored (not deflated) like that file's
        Path stored = SyntheticDrawings.storedCopy(SyntheticDrawings.sheepSized(), tmp.resolve("stored.npz"));
        byte[] bytes = Files.readAllBytes(stored);
        // flip bytes in the middle of the first (stored) entry's data: the CRC no longer matches
        for (int i = 5000; i < 5100; i++) {
            bytes[i] ^= (byte) 0x5a;
        }
        Path bad = tmp.resolve("flipped.npz");
        Files.write(bad, bytes);
        assertThatThrownBy(() -> NpzSketchReader.read(bad))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("flipped.npz: ");
    }

    @Test
    void notAZipAtAll() throws IOException {
        Path text = tmp.resolve("notes.npz");
        Files.writeString(text, "these are not sketches\n");
        assertThatThrownBy(() -> NpzSketchReader.read(text))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("notes.npz: not a readable zip archive");
    }

    @Test
    void plainNumberArrayInsteadOfObjectArray() throws Exception {
        assertThatThrownBy(() -> NpzSketchReader.read(resource("not-object.npz")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("not-object.npz: train.npy: an array of dtype '<i2' and shape (5, 3); expected an object "
                        + "array ('|O') holding one [N, 3] array per sketch");
    }

    @Test
    void objectArrayOfOtherThings() throws Exception {
        assertThatThrownBy(() -> NpzSketchReader.read(resource("not-arrays.npz")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("not-arrays.npz: train.npy: sketch 0 is a string; expected a numpy array of shape [N, 3]");
    }

    @Test
    void arraysOfTheWrongShape() throws Exception {
        assertThatThrownBy(() -> NpzSketchReader.read(resource("bad-shape.npz")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("bad-shape.npz: train.npy: sketch 0 has shape (4, 2); expected (N, 3) stroke-3 points");
    }

    @Test
    void pickleThatIsNotAList() throws IOException {
        // |O header, then a pickle of the dict {} (protocol 2): PROTO 2, EMPTY_DICT, STOP
        byte[] header = NpyHeader.objectArray(0);
        byte[] npy = Arrays.copyOf(header, header.length + 4);
        System.arraycopy(new byte[] {(byte) 0x80, 2, '}', '.'}, 0, npy, header.length, 4);
        assertThatThrownBy(() -> NpzSketchReader.sketches(npy, "x.npz: train.npy"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("x.npz: train.npy: the pickle holds a dict; expected a list (object array) of numpy arrays");
    }

    @Test
    void missingFileIsABadInput() {
        assertThatThrownBy(() -> NpzSketchReader.read(tmp.resolve("nowhere.npz")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("no such file");
    }

    /** The int16 values of the first sketch of train.npy, found in the raw bytes without unpickling. */
    private static short[] firstArrayOfTrain(Path npz) throws IOException {
        byte[] npy;
        try (ZipFile zip = new ZipFile(npz.toFile())) {
            npy = zip.getInputStream(zip.getEntry("train.npy")).readAllBytes();
        }
        int dataStart = 10 + ((npy[8] & 0xff) | (npy[9] & 0xff) << 8);
        for (int i = dataStart; i < npy.length - 5; i++) {
            if ((npy[i] & 0xff) == 0x89 && npy[i + 1] == 'T') {
                int length = ByteBuffer.wrap(npy, i + 2, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
                ByteBuffer data = ByteBuffer.wrap(npy, i + 6, length).order(ByteOrder.LITTLE_ENDIAN);
                short[] out = new short[length / 2];
                data.asShortBuffer().get(out);
                return out;
            }
        }
        throw new AssertionError("no BINSTRING after NEWFALSE in " + npz);
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(NpzSketchReaderTest.class.getResource("/npz/" + name).toURI());
    }
}
