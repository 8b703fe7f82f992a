package sketchrnn.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import sketchrnn.Shared;

class QuickDrawSimplifierTest {

    /**
     * Our simplification of Google's raw drawings against Google's own simplified drawings (the shared
     * raw and simplified files hold the same drawings in the same order).
     */
    @Test
    void agreesWithGooglesSimplifiedData() throws IOException {
        Path raw = Shared.path("data/quickdraw/raw");
        Path simplified = Shared.path("data/quickdraw/simplified");
        int drawings = 0;
        int exact = 0;
        double distanceSum = 0;
        int mismatched = 0;
        List<Path> files;
        try (Stream<Path> list = Files.list(raw)) {
            files = list.filter(p -> Files.exists(simplified.resolve(p.getFileName()))).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(20);
        for (Path file : files) {
            List<QuickDrawDrawing> mine = new QuickDrawNdjsonReader(false).readAll(file).drawings();
            List<QuickDrawDrawing> google = new QuickDrawNdjsonReader(false)
                    .readAll(simplified.resolve(file.getFileName())).drawings();
            for (int i = 0; i < Math.min(mine.size(), google.size()); i++) {
                assertThat(mine.get(i).keyId()).isEqualTo(google.get(i).keyId());
                assertThat(mine.get(i).isRaw()).isTrue();
                assertThat(google.get(i).isRaw()).isFalse();
                Polylines ours = QuickDrawSimplifier.simplify(mine.get(i).strokes());
                Polylines theirs = google.get(i).strokes();
                drawings++;
                if (ours.equals(theirs)) {
                    exact++;
                } else {
                    mismatched++;
                    distanceSum += meanNearestDistance(ours, theirs);
                }
            }
        }
        double fraction = exact / (double) drawings;
        double meanDistance = mismatched == 0 ? 0 : distanceSum / mismatched;
        System.out.printf("simplification vs Google: %d/%d drawings identical (%.1f%%); "
                + "mean point distance in the other %d: %.3f px%n", exact, drawings, 100 * fraction, mismatched,
                meanDistance);
        assertThat(drawings).isGreaterThan(500);
        assertThat(fraction).isGreaterThan(0.92);
        assertThat(meanDistance).isLessThan(1.0);
    }

    @Test
    void simplifiedDrawingFitsTheBoxWithIntegerCoordinates() {
        Polylines raw = Polylines.of(List.of(
                new double[][] {{100.5, 300}, {400, 300}, {400, 350.25}},
                new double[][] {{250, 320}}));
        Polylines s = QuickDrawSimplifier.simplify(raw);
        Bounds b = s.bounds();
        assertThat(b.minX()).isZero();
        assertThat(b.minY()).isZero();
        assertThat(b.maxX()).isEqualTo(255);
        assertThat(s.isIntegral()).isTrue();
        // the straight stroke keeps only its corner; the single point is doubled
        assertThat(s.stroke(0)).isDeepEqualTo(new double[][] {{0, 0}, {255, 0}, {255, 43}});
        assertThat(s.stroke(1)).isDeepEqualTo(new double[][] {{127, 17}, {127, 17}});
    }

    @Test
    void resamplingCarriesTheRemainderAcrossSegments() {
        double[][] r = QuickDrawSimplifier.resample(new double[][] {{0, 0}, {1.5, 0}, {1.5, 2}}, 1.0);
        // arc lengths 0, 1, 2, 3, then the end at 3.5
        assertThat(r).isDeepEqualTo(new double[][] {{0, 0}, {1, 0}, {1.5, 0.5}, {1.5, 1.5}, {1.5, 2}});
    }

    /** Mean over points of both drawings of the distance to the nearest point of the same stroke of the other. */
    private static double meanNearestDistance(Polylines a, Polylines b) {
        double sum = 0;
        int n = 0;
        for (int s = 0; s < Math.min(a.strokeCount(), b.strokeCount()); s++) {
            for (Polylines[] pair : new Polylines[][] {{a, b}, {b, a}}) {
                for (int i = 0; i < pair[0].size(s); i++) {
                    double best = Double.POSITIVE_INFINITY;
                    for (int j = 0; j < pair[1].size(s); j++) {
                        best = Math.min(best, Math.hypot(pair[0].x(s, i) - pair[1].x(s, j),
                                pair[0].y(s, i) - pair[1].y(s, j)));
                    }
                    sum += best;
                    n++;
                }
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}
