package sketchrnn.data;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Ramer-Douglas-Peucker simplification of a polyline: keep the two ends; find the point farthest
 * from the line through them; if it is farther than epsilon keep it and simplify both halves, else
 * drop everything between the ends.
 *
 * <p>The distance is measured to the infinite line through the two ends (not to the segment), and
 * among points at the same largest distance the first one wins. Both choices matter for agreeing
 * with Google's Quick, Draw! simplified data (see {@link QuickDrawSimplifier}). When the ends
 * coincide, the distance is the plain distance to that point.
 */
public final class Rdp {
    private Rdp() {
    }

    /**
     * Simplifies a polyline given as rows {@code {x, y}}.
     *
     * @param points  the polyline; not modified
     * @param epsilon points farther than this from the line are kept
     * @return the kept points, in order (copies); a polyline of 0, 1 or 2 points is returned as is
     */
    public static double[][] simplify(double[][] points, double epsilon) {
        return simplify(points, epsilon, budget(points.length));
    }

    /**
     * The distance evaluations allowed for {@code n} points: RDP does about {@code n log2 n} on real strokes
     * and {@code n^2 / 2} in its worst case (each split peels off one point); the budget allows 64 times the
     * typical work, at least 50 million (a fraction of a second), at most 400 million (about a second).
     */
    static long budget(int n) {
        double typical = n * Math.max(1, Math.log(n) / Math.log(2));
        return (long) Math.min(400e6, Math.max(50e6, 64 * typical));
    }

    /**
     * As {@link #simplify(double[][], double)} with at most {@code maxEvaluations} distance evaluations: the
     * result is the same as without a bound whenever it is within it; past it, a {@link BadInputException}.
     */
    static double[][] simplify(double[][] points, double epsilon, long maxEvaluations) {
        int n = points.length;
        long evaluations = 0;
        if (n < 3) {
            return copy(points, n);
        }
        boolean[] keep = new boolean[n];
        keep[0] = true;
        keep[n - 1] = true;
        // An explicit stack instead of recursion: long resampled strokes would otherwise go deep.
        Deque<int[]> ranges = new ArrayDeque<>();
        ranges.push(new int[] {0, n - 1});
        while (!ranges.isEmpty()) {
            int[] range = ranges.pop();
            int first = range[0];
            int last = range[1];
            evaluations += last - first - 1;
            if (evaluations > maxEvaluations) {
                throw new BadInputException("a stroke of " + n + " points is too intricate to simplify (more than "
                        + maxEvaluations + " distance evaluations); expected a hand-drawn stroke");
            }
            double dmax = 0;
            int index = -1;
            for (int i = first + 1; i < last; i++) {
                double d = distanceToLine(points[i], points[first], points[last]);
                if (d > dmax) {
                    dmax = d;
                    index = i;
                }
            }
            if (index >= 0 && dmax > epsilon) {
                keep[index] = true;
                ranges.push(new int[] {index, last});
                ranges.push(new int[] {first, index});
            }
        }
        int kept = 0;
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                out[kept++] = points[i].clone();
            }
        }
        return Arrays.copyOf(out, kept);
    }

    /**
     * Distance from {@code p} to the infinite line through {@code a} and {@code b}; the distance to
     * {@code a} when {@code a} and {@code b} coincide.
     */
    public static double distanceToLine(double[] p, double[] a, double[] b) {
        double ex = b[0] - a[0];
        double ey = b[1] - a[1];
        if (ex == 0 && ey == 0) {
            double dx = p[0] - a[0];
            double dy = p[1] - a[1];
            return Math.sqrt(dx * dx + dy * dy);
        }
        double cross = ex * (a[1] - p[1]) - ey * (a[0] - p[0]);
        return Math.abs(cross) / Math.sqrt(ex * ex + ey * ey);
    }

    private static double[][] copy(double[][] points, int n) {
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = points[i].clone();
        }
        return out;
    }
}
