package sketchrnn.data;

/**
 * Converts an SVG elliptical arc in endpoint form into cubic Bezier pieces of at most 90 degrees each
 * (SVG 1.1, implementation notes F.6.5 and F.6.6: out-of-range radii are scaled up, a zero radius is
 * a straight line, equal endpoints draw nothing).
 */
final class SvgArc {
    private SvgArc() {
    }

    static void toCubics(double x1, double y1, double rx, double ry, double rotationDeg,
                         boolean largeArc, boolean sweep, double x2, double y2, SvgPathSink sink) {
        if (x1 == x2 && y1 == y2) {
            return;
        }
        rx = Math.abs(rx);
        ry = Math.abs(ry);
        if (rx == 0 || ry == 0) {
            sink.lineTo(x2, y2);
            return;
        }
        double phi = Math.toRadians(rotationDeg % 360);
        double cos = Math.cos(phi);
        double sin = Math.sin(phi);
        double hx = (x1 - x2) / 2;
        double hy = (y1 - y2) / 2;
        double xp = cos * hx + sin * hy;
        double yp = -sin * hx + cos * hy;
        double lambda = xp * xp / (rx * rx) + yp * yp / (ry * ry);
        if (lambda > 1) {
            double k = Math.sqrt(lambda);
            rx *= k;
            ry *= k;
        }
        double rx2 = rx * rx;
        double ry2 = ry * ry;
        double num = rx2 * ry2 - rx2 * yp * yp - ry2 * xp * xp;
        double den = rx2 * yp * yp + ry2 * xp * xp;
        double coef = Math.sqrt(Math.max(0, num / den)) * (largeArc == sweep ? -1 : 1);
        double cxp = coef * rx * yp / ry;
        double cyp = -coef * ry * xp / rx;
        double cx = cos * cxp - sin * cyp + (x1 + x2) / 2;
        double cy = sin * cxp + cos * cyp + (y1 + y2) / 2;
        double theta1 = Math.atan2((yp - cyp) / ry, (xp - cxp) / rx);
        double theta2 = Math.atan2((-yp - cyp) / ry, (-xp - cxp) / rx);
        double delta = theta2 - theta1;
        if (sweep && delta < 0) {
            delta += 2 * Math.PI;
        } else if (!sweep && delta > 0) {
            delta -= 2 * Math.PI;
        }
        int pieces = Math.max(1, (int) Math.ceil(Math.abs(delta) / (Math.PI / 2) - 1e-9));
        double d = delta / pieces;
        double k = 4.0 / 3.0 * Math.tan(d / 4);
        double t = theta1;
        for (int i = 0; i < pieces; i++) {
            double t2 = t + d;
            double c1 = Math.cos(t);
            double s1 = Math.sin(t);
            double c2 = Math.cos(t2);
            double s2 = Math.sin(t2);
            // unit-circle control points, then onto the rotated ellipse
            double ux1 = c1 - k * s1;
            double uy1 = s1 + k * c1;
            double ux2 = c2 + k * s2;
            double uy2 = s2 - k * c2;
            double ex = i == pieces - 1 ? x2 : cx + rx * c2 * cos - ry * s2 * sin;
            double ey = i == pieces - 1 ? y2 : cy + rx * c2 * sin + ry * s2 * cos;
            sink.cubicTo(cx + rx * ux1 * cos - ry * uy1 * sin, cy + rx * ux1 * sin + ry * uy1 * cos,
                    cx + rx * ux2 * cos - ry * uy2 * sin, cy + rx * ux2 * sin + ry * uy2 * cos, ex, ey);
            t = t2;
        }
    }
}
