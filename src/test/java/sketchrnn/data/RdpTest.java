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
}
