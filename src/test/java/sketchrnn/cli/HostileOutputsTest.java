package sketchrnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sketchrnn.data.AtomicFiles;
import sketchrnn.data.BadInputException;
import sketchrnn.train.MetricsCsv;

/** Outputs that cannot be written, leftovers of killed writers, torn metrics and oversized animations. */
class HostileOutputsTest {
    @TempDir
    Path tmp;

    private Path sketchFile() throws IOException {
        Path in = tmp.resolve("in.json");
        Files.writeString(in, "[[1, 2, 0], [10, -4, 0], [5, 6, 1]]\n");
        return in;
    }

    private static void assertOneLine(CliRun r, String... words) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
        assertThat(r.err()).contains(words);
        assertThat(HostileInputCliTest.CLASS_NAME.matcher(r.err()).find()).as(r.err()).isFalse();
    }

    @Test
    void outputPathIsAFolder() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("out.png"));
        assertOneLine(CliRun.of("render", "--input", sketchFile().toString(), "--out", dir.toString()), "out.png", "folder");
        assertThat(dir).isDirectory();
    }

    @Test
    void parentPathIsAFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain"), "x");
        assertOneLine(CliRun.of("render", "--input", sketchFile().toString(), "--out", file.resolve("sub/out.png").toString()),
                "plain", "is a file");
    }

    @Test
    void diskFullIsSaidInWords() {
        assertThat(AtomicFiles.reason(new FileSystemException("/x/.a.tmp", null, "No space left on device")))
                .isEqualTo("no space left on device");
    }

    /** A kill during a checkpoint write left {@code .last.ckpt.N.tmp}; the next write of that file removes it. */
    @Test
    void leftoversOfKilledWritersAreRemoved() throws IOException {
        Path stale = Files.createFile(tmp.resolve(".last.ckpt.12345.tmp"));
        Files.setLastModifiedTime(stale, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Path fresh = Files.createFile(tmp.resolve(".last.ckpt.777.tmp")); // another writer, still at work
        Path other = Files.createFile(tmp.resolve(".best.ckpt.1.tmp"));
        Files.setLastModifiedTime(other, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        AtomicFiles.writeString(tmp.resolve("last.ckpt"), "new");
        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
        assertThat(other).exists(); // another target's
        assertThat(tmp.resolve("last.ckpt")).hasContent("new");
    }

    /** A torn last line (a kill during an append) no longer blocks --resume. */
    @Test
    void tornMetricsLineIsDropped() throws IOException {
        Path csv = tmp.resolve("metrics.csv");
        Files.writeString(csv, MetricsCsv.HEADER + "\n"
                + "train,10,0.001,0.01,1.5,1.4,1.0,0.4,0.1,12.0\n"
                + "valid,10,0.001,0.01,1.6,1.5,1.1,0.4,0.1,0.0\n"
                + "train,20,0.00");
        MetricsCsv m = new MetricsCsv(csv);
        assertThat(m.read()).hasSize(2);
        m.start(10);
        assertThat(Files.readAllLines(csv)).hasSize(3);
    }

    /** A 16384 px animation took 98 s and 6.2 GB; it is refused at once. */
    @Test
    void oversizedGifIsRefused() throws IOException {
        long t0 = System.nanoTime();
        Path many = tmp.resolve("many.json");
        Files.writeString(many, "[" + String.join(",", java.util.Collections.nCopies(16, "[[1, 2, 0], [10, -4, 0], [5, 6, 1]]")) + "]");
        CliRun r = CliRun.of("render", "--input", many.toString(), "--count", "16", "--columns", "4", "--size", "4096",
                "--out", tmp.resolve("big.gif").toString());
        assertOneLine(r, "GIF", "too large");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5);
    }

    @Test
    void badInputExceptionIsWhatWritersThrow() {
        Path dir = tmp;
        try {
            AtomicFiles.writeString(dir, "x");
        } catch (BadInputException e) {
            assertThat(e.getMessage()).contains("folder");
            return;
        }
        throw new AssertionError("no error");
    }


    /** eval printed NaN (not JSON) for a split with no sketches; JSON has null for that. */
    @Test
    void evaluationOfNothingIsValidJson() {
        String json = sketchrnn.train.Evaluation.Result.empty().toJson();
        assertThat(com.google.gson.JsonParser.parseString(json).getAsJsonObject().get("recon_loss").isJsonNull()).isTrue();
        assertThat(json).doesNotContain("NaN");
    }

    /** Sketches that would not fit in memory are refused with advice (345 classes at once), not an OutOfMemoryError. */
    @Test
    void tooManySketchesForTheHeapAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sketchrnn.data.InputLimits.checkHeld(
                        Runtime.getRuntime().maxMemory(), 4, "x.ndjson: the drawings of 25 of 345 files", "prepare fewer"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("prepare fewer").hasMessageContaining("1/4 of the Java heap");
    }
}
