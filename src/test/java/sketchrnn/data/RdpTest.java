package sketchrnn.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RdpTest {
    @Test
    void dropsPointsWithinEpsilonAndKeepsCorners() {
        double[][] line = {{0, 0}, {1, 0.5}, {2, -0.5}, {3, 0}, {3, 5}};
        assertThat(Rdp.simplify(line, 1.0)).isDeepEqualTo(new double[][] {{0, 0}, {3, 0}, {3, 5}});
        assertThat(Rdp.simplify(line, 0.1).length).isEqualTo(5);
    }

    @Test
    void aPointExactlyAtEpsilonIsDropped() {
        assertThat(Rdp.simplify(new double[][] {{0, 0}, {5, 2}, {10, 0}}, 2.0).length).isEqualTo(2);
        assertThat(Rdp.simplify(new double[][] {{0, 0}, {5, 2.001}, {10, 0}}, 2.0).length).isEqualTo(3);
    }

    @Test
    void distanceIsToTheLineNotTheSegment() {
        // (20, 1) lies beyond the end of the chord: 1 from the line, 10.05 from the segment
        assertThat(Rdp.distanceToLine(new double[] {20, 1}, new double[] {0, 0}, new double[] {10, 0})).isEqualTo(1);
        assertThat(Rdp.simplify(new double[][] {{0, 0}, {20, 1}, {10, 0}}, 2.0).length).isEqualTo(2);
    }

    @Test
    void firstOfEquallyDistantPointsWins() {
        double[][] plateau = {{0, 0}, {1, 3}, {2, 3}, {3, 3}, {4, 0}};
        assertThat(Rdp.simplify(plateau, 2.0)[1]).containsExactly(1, 3);
    }

    @Test
    void closedStrokeUsesDistanceToTheCommonEnd() {
        double[][] loop = {{0, 0}, {4, 0}, {4, 4}, {0, 0}};
        // (4, 4) is 5.66 from the common end; then (4, 0) is 2.83 from the line (0, 0)-(4, 4)
        assertThat(Rdp.simplify(loop, 3.0)).isDeepEqualTo(new double[][] {{0, 0}, {4, 4}, {0, 0}});
        assertThat(Rdp.simplify(loop, 2.0)).isDeepEqualTo(loop);
    }

    /** Past its budget of distance evaluations RDP stops with a clear error instead of running for minutes. */
    @Test
    void workIsBounded() {
        // a staircase whose every split peels off one point: the n^2/2 worst case
        int n = 3000;
        double[][] stairs = new double[n][];
        for (int i = 0; i < n; i++) {
            stairs[i] = new double[] {i, Math.pow(1.01, i)};
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Rdp.simplify(stairs, 0.0, 10_000))
                .isInstanceOf(BadInputException.class).hasMessageContaining("too intricate");
        assertThat(Rdp.simplify(stairs, 0.0, Long.MAX_VALUE).length).isEqualTo(n); // within the bound: the same result
        assertThat(Rdp.simplify(stairs, 0.0).length).isEqualTo(n);
    }

    /** A raw Quick, Draw! drawing of 80 000 points (prepare hung on it) is simplified or refused within seconds. */
    @Test
    void eightyThousandPointDrawingIsTractable() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(80_000);
        double[] xs = new double[80_000];
        double[] ys = new double[80_000];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = rng.nextDouble(0, 1000);
            ys[i] = rng.nextDouble(0, 1000);
        }
        Polylines raw = Polylines.ofCoordinates(java.util.List.of(xs), java.util.List.of(ys));
        long t0 = System.nanoTime();
        try {
            QuickDrawSimplifier.simplify(raw);
        } catch (BadInputException e) {
            assertThat(e.getMessage()).contains("expected a hand-drawn stroke");
        }
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(20);
    }
}
