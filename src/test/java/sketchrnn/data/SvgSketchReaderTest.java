package sketchrnn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SvgSketchReaderTest {
    private static final double EPS = 1e-3;

    private static Sketch svg(String body) {
        return SvgSketchReader.parse("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"100\">"
                + body + "</svg>", "test.svg");
    }

    private static List<SketchStrokes.Stroke> strokes(String body) {
        return SketchStrokes.of(svg(body));
    }

    private static void assertPoints(SketchStrokes.Stroke s, double... xy) {
        assertThat(s.size()).as("points in stroke").isEqualTo(xy.length / 2);
        for (int i = 0; i < s.size(); i++) {
            assertThat(s.x()[i]).as("x of point " + i).isCloseTo(xy[2 * i], within(EPS));
            assertThat(s.y()[i]).as("y of point " + i).isCloseTo(xy[2 * i + 1], within(EPS));
        }
    }

    /** Distance from (x, y) to the cubic Bezier p0..p3, by dense sampling. */
    private static double distanceToCubic(double x, double y, double... p) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i <= 20000; i++) {
            double t = i / 20000.0;
            double u = 1 - t;
            double bx = u * u * u * p[0] + 3 * u * u * t * p[2] + 3 * u * t * t * p[4] + t * t * t * p[6];
            double by = u * u * u * p[1] + 3 * u * u * t * p[3] + 3 * u * t * t * p[5] + t * t * t * p[7];
            best = Math.min(best, Math.hypot(x - bx, y - by));
        }
        return best;
    }

    private static void assertOnCubic(SketchStrokes.Stroke s, int from, int to, double... p) {
        for (int i = from; i <= to; i++) {
            assertThat(distanceToCubic(s.x()[i], s.y()[i], p)).as("distance of point " + i + " to the curve")
                    .isLessThan(0.01);
        }
    }

    private static void assertSpacing(SketchStrokes.Stroke s, double min, double max) {
        for (int i = 1; i < s.size(); i++) {
            double d = Math.hypot(s.x()[i] - s.x()[i - 1], s.y()[i] - s.y()[i - 1]);
            assertThat(d).as("distance between points " + (i - 1) + " and " + i).isBetween(min, max);
        }
    }

    @Test
    void straightCommandsAbsoluteAndRelativeWithPenLiftsPerSubpath() {
        Sketch sk = svg("<path d='M10 20 L30 20 H50 V40 M100 10 l5 5 h10 v-10 z'/>");
        List<SketchStrokes.Stroke> s = SketchStrokes.of(sk);
        assertThat(s).hasSize(2);
        assertPoints(s.get(0), 10, 20, 30, 20, 50, 20, 50, 40);
        assertPoints(s.get(1), 100, 10, 105, 15, 115, 15, 115, 5, 100, 10);
        // stroke-3: first offset from the origin, pen lifted after the last point of each stroke
        assertThat(sk.dx(0)).isEqualTo(10f);
        assertThat(sk.dy(0)).isEqualTo(20f);
        assertThat(sk.dx(4)).isEqualTo(50f);
        assertThat(sk.dy(4)).isEqualTo(-30f);
        for (int i = 0; i < sk.size(); i++) {
            assertThat(sk.penLifted(i)).as("pen after point " + i).isEqualTo(i == 3 || i == 8);
        }
    }

    @Test
    void implicitRepeatedCommandsAndCompactNumbers() {
        assertPoints(strokes("<path d='M0 0 10 0 10 10'/>").get(0), 0, 0, 10, 0, 10, 10);
        assertPoints(strokes("<path d='m5 5 10 0 0 10'/>").get(0), 5, 5, 15, 5, 15, 15);
        assertPoints(strokes("<path d='M.5.5L-1-2,3e1,1E-1h+2'/>").get(0), 0.5, 0.5, -1, -2, 30, 0.1, 32, 0.1);
        assertPoints(strokes("<path d='M0,0l1,1 1,1 1,1'/>").get(0), 0, 0, 1, 1, 2, 2, 3, 3);
    }

    @Test
    void commandAfterClosePathStartsNewStrokeAtSubpathStart() {
        List<SketchStrokes.Stroke> s = strokes("<path d='M0 0 L10 0 L10 10 Z L0 20 m5 5 l1 0'/>");
        assertThat(s).hasSize(3);
        assertPoints(s.get(0), 0, 0, 10, 0, 10, 10, 0, 0);
        assertPoints(s.get(1), 0, 0, 0, 20);
        assertPoints(s.get(2), 5, 25, 6, 25);
    }

    @Test
    void cubicCurveHasExactEndpointsAndPointsOnTheBezierAboutTwoUnitsApart() {
        List<SketchStrokes.Stroke> s = strokes("<path d='M10 80 C40 10 65 10 95 80'/>");
        assertThat(s).hasSize(1);
        SketchStrokes.Stroke c = s.get(0);
        assertThat(c.x()[0]).isCloseTo(10, within(1e-4));
        assertThat(c.y()[0]).isCloseTo(80, within(1e-4));
        assertThat(c.x()[c.size() - 1]).isCloseTo(95, within(1e-4));
        assertThat(c.y()[c.size() - 1]).isCloseTo(80, within(1e-4));
        assertOnCubic(c, 0, c.size() - 1, 10, 80, 40, 10, 65, 10, 95, 80);
        assertSpacing(c, 0.5, SvgSketchReader.STEP + 1e-6);
        // the curve is about 130 units long: about 65 to 130 points
        assertThat(c.size()).isBetween(60, 140);
        // the apex at t = 1/2 is (52.5, 27.5): the curve really bends there
        double minY = java.util.Arrays.stream(c.y()).min().orElseThrow();
        assertThat(minY).isCloseTo(27.5, within(0.1));
    }

    @Test
    void relativeCubicAndSmoothCubicReflectTheControlPoint() {
        SketchStrokes.Stroke c = strokes("<path d='M0 0 c0 10 5 10 10 0 s10 -10 10 0'/>").get(0);
        int joint = indexOf(c, 10, 0);
        assertOnCubic(c, 0, joint, 0, 0, 0, 10, 5, 10, 10, 0);
        // S's first control is the reflection of (5, 10) about (10, 0): (15, -10)
        assertOnCubic(c, joint, c.size() - 1, 10, 0, 15, -10, 20, -10, 20, 0);
        assertThat(c.x()[c.size() - 1]).isCloseTo(20, within(1e-4));
        // S with no preceding C takes the current point as its first control
        SketchStrokes.Stroke lone = strokes("<path d='M0 0 S10 10 20 0'/>").get(0);
        assertOnCubic(lone, 0, lone.size() - 1, 0, 0, 0, 0, 10, 10, 20, 0);
    }

    @Test
    void quadraticAndSmoothQuadraticCurves() {
        SketchStrokes.Stroke q = strokes("<path d='M0 0 Q10 20 20 0 T40 0'/>").get(0);
        int joint = indexOf(q, 20, 0);
        // a quadratic with control (10, 20) is the cubic with controls 2/3 of the way there
        double k = 2.0 / 3;
        assertOnCubic(q, 0, joint, 0, 0, 10 * k, 20 * k, 20 + (10 - 20) * k, 20 * k, 20, 0);
        // T reflects (10, 20) about (20, 0): control (30, -20), so the second arch goes up
        assertOnCubic(q, joint, q.size() - 1, 20, 0, 20 + 10 * k, -20 * k, 40 - 10 * k, -20 * k, 40, 0);
        assertThat(java.util.Arrays.stream(q.y()).min().orElseThrow()).isCloseTo(-10, within(0.05));
        SketchStrokes.Stroke rel = strokes("<path d='m0 0 q10 20 20 0 t20 0'/>").get(0);
        assertThat(rel.x()).containsExactly(q.x(), within(1e-9));
        assertThat(rel.y()).containsExactly(q.y(), within(1e-9));
    }

    @Test
    void arcsFollowTheirEllipseAndFlags() {
        // sweep 1 from (0,0) to (100,0), radius 50: the upper half (y < 0, since y points down)
        SketchStrokes.Stroke up = strokes("<path d='M0 0 A50 50 0 0 1 100 0'/>").get(0);
        for (int i = 0; i < up.size(); i++) {
            assertThat(Math.hypot(up.x()[i] - 50, up.y()[i])).isCloseTo(50, within(0.02));
            assertThat(up.y()[i]).isLessThanOrEqualTo(1e-9);
        }
        assertThat(java.util.Arrays.stream(up.y()).min().orElseThrow()).isCloseTo(-50, within(0.05));
        assertSpacing(up, 0.5, SvgSketchReader.STEP + 1e-6);
        // sweep 0 goes below; radii too small are scaled up to reach the end point
        SketchStrokes.Stroke down = strokes("<path d='M0 0 A1 1 0 0 0 100 0'/>").get(0);
        assertThat(java.util.Arrays.stream(down.y()).max().orElseThrow()).isCloseTo(50, within(0.05));
        // large-arc flag: 3/4 of a circle of radius 10 centred at (10, 0) ... from (0,0) to (10,10)
        SketchStrokes.Stroke large = strokes("<path d='M0 0 A10 10 0 1 1 10 10'/>").get(0);
        for (int i = 0; i < large.size(); i++) {
            assertThat(Math.hypot(large.x()[i] - 10, large.y()[i])).isCloseTo(10, within(0.01));
        }
        assertThat(java.util.Arrays.stream(large.x()).max().orElseThrow()).isCloseTo(20, within(0.02));
        // compact flags need no separator; relative arcs; rotated ellipse keeps the endpoints
        SketchStrokes.Stroke compact = strokes("<path d='M0 0a50 50 0 01100 0'/>").get(0);
        assertThat(compact.x()).containsExactly(up.x(), within(1e-9));
        SketchStrokes.Stroke rotated = strokes("<path d='M10 10 A30 10 45 0 1 50 50'/>").get(0);
        assertThat(rotated.x()[rotated.size() - 1]).isCloseTo(50, within(1e-6));
        assertThat(rotated.y()[rotated.size() - 1]).isCloseTo(50, within(1e-6));
        // a zero radius is a straight line
        assertPoints(strokes("<path d='M0 0 A0 5 0 0 1 10 0'/>").get(0), 0, 0, 10, 0);
    }

    @Test
    void basicShapes() {
        assertPoints(strokes("<line x1='1' y1='2' x2='30' y2='40' stroke='black'/>").get(0), 1, 2, 30, 40);
        assertPoints(strokes("<polyline points='0,0 10,0 10 10' fill='none' stroke='black'/>").get(0),
                0, 0, 10, 0, 10, 10);
        assertPoints(strokes("<polygon points='0,0 10,0 10,10'/>").get(0), 0, 0, 10, 0, 10, 10, 0, 0);
        assertPoints(strokes("<rect x='5' y='6' width='20' height='10'/>").get(0), 5, 6, 25, 6, 25, 16, 5, 16, 5, 6);
        SketchStrokes.Stroke round = strokes("<rect x='0' y='0' width='40' height='20' rx='5'/>").get(0);
        assertThat(round.x()[0]).isCloseTo(5, within(EPS)); // starts after the rounded corner
        double[] box = SketchStrokes.bounds(svg("<rect x='0' y='0' width='40' height='20' rx='5'/>"));
        assertThat(box).containsExactly(new double[] {0, 0, 40, 20}, within(1e-4));
        for (int i = 0; i < round.size(); i++) { // no point in the cut-off corner
            assertThat(Math.hypot(round.x()[i], round.y()[i])).isGreaterThan(5 * (Math.sqrt(2) - 1) - 0.01);
        }
        SketchStrokes.Stroke circle = strokes("<circle cx='50' cy='40' r='20'/>").get(0);
        for (int i = 0; i < circle.size(); i++) {
            assertThat(Math.hypot(circle.x()[i] - 50, circle.y()[i] - 40)).isCloseTo(20, within(0.01));
        }
        assertThat(circle.x()[0]).isCloseTo(circle.x()[circle.size() - 1], within(1e-9)); // closed
        assertThat(circle.size()).isBetween(60, 130); // circumference ~126 units
        SketchStrokes.Stroke ellipse = strokes("<ellipse cx='0' cy='0' rx='30' ry='10'/>").get(0);
        for (int i = 0; i < ellipse.size(); i++) {
            double x = ellipse.x()[i] / 30;
            double y = ellipse.y()[i] / 10;
            assertThat(x * x + y * y).isCloseTo(1, within(0.002));
        }
        assertThat(strokes("<rect width='0' height='5'/><circle r='0'/><line x2='10' stroke='red'/>"))
                .hasSize(1);
    }

    @Test
    void lengthsWithUnitsAndPercentages() {
        Sketch sk = SvgSketchReader.parse("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 200 100'>"
                + "<line x1='1in' y1='10%' x2='50%' y2='3mm' stroke='black'/></svg>", "u.svg");
        assertPoints(SketchStrokes.of(sk).get(0), 96, 10, 100, 3 * 96 / 25.4);
    }

    @Test
    void transformsOfElementsAndAncestorsComposeInOrder() {
        assertPoints(strokes("<line x1='0' y1='0' x2='10' y2='0' stroke='#000' transform='translate(5,7)'/>").get(0),
                5, 7, 15, 7);
        assertPoints(strokes("<line x2='10' y2='5' stroke='#000' transform='scale(2)'/>").get(0), 0, 0, 20, 10);
        assertPoints(strokes("<line x2='10' y2='5' stroke='#000' transform='scale(2 3)'/>").get(0), 0, 0, 20, 15);
        // rotate(90) turns +x into +y (clockwise on screen)
        assertPoints(strokes("<line x2='10' stroke='#000' transform='rotate(90)'/>").get(0), 0, 0, 0, 10);
        assertPoints(strokes("<line x1='20' y1='10' x2='30' y2='10' stroke='#000' transform='rotate(180 20 10)'/>")
                .get(0), 20, 10, 10, 10);
        assertPoints(strokes("<line x1='1' y1='1' x2='2' y2='3' stroke='#000' transform='matrix(1 2 3 4 5 6)'/>")
                .get(0), 1 + 3 + 5, 2 + 4 + 6, 2 + 9 + 5, 4 + 12 + 6);
        assertPoints(strokes("<line x2='10' y1='10' y2='10' stroke='#000' transform='skewX(45)'/>").get(0),
                10, 10, 20, 10);
        // a list applies right to left: scale first, then translate
        assertPoints(strokes("<line x2='10' stroke='#000' transform='translate(100 0) scale(2)'/>").get(0),
                100, 0, 120, 0);
        // nested groups: the outer transform acts last
        assertPoints(strokes("<g transform='translate(100,50)'><g transform='scale(2)'>"
                + "<path d='M1 1 L2 1' stroke='#000'/></g></g>").get(0), 102, 52, 104, 52);
        // curves are cut in user units after the transform: a scaled-up circle keeps dense points
        SketchStrokes.Stroke big = strokes("<circle r='1' transform='scale(50)'/>").get(0);
        assertSpacing(big, 0.5, SvgSketchReader.STEP + 1e-6);
        for (int i = 0; i < big.size(); i++) {
            assertThat(Math.hypot(big.x()[i], big.y()[i])).isCloseTo(50, within(0.05));
        }
    }

    @Test
    void defsAreIgnoredAndUseDrawsItsReferenceAtItsPlace() {
        List<SketchStrokes.Stroke> s = strokes("<defs><path id='tick' d='M0 0 L5 5' stroke='#000'/></defs>"
                + "<use href='#tick' x='10' y='20'/>"
                + "<use xmlns:xlink='http://www.w3.org/1999/xlink' xlink:href='#tick' transform='translate(100 0)'/>"
                + "<symbol id='sym'><line x2='3' stroke='#000'/></symbol><use href='#sym' y='7'/>"
                + "<use href='#missing'/>");
        assertThat(s).hasSize(3);
        assertPoints(s.get(0), 10, 20, 15, 25);
        assertPoints(s.get(1), 100, 0, 105, 5);
        assertPoints(s.get(2), 0, 7, 3, 7);
        // a use that refers to its own ancestor stops instead of recursing for ever
        assertThat(strokes("<g id='loop'><line x2='1' stroke='#000'/><use href='#loop'/></g>")).hasSize(2);
    }

    @Test
    void invisibleThingsAreNotImported() {
        List<SketchStrokes.Stroke> s = strokes(
                "<rect width='100%' height='100%' fill='#eee'/>"
                + "<rect x='0' y='0' width='200' height='100' fill='white'/>"
                + "<path d='M0 0 L9 9' fill='none'/>"
                + "<path d='M0 0 L9 9' style='display:none' stroke='#000'/>"
                + "<g visibility='hidden'><line x2='4' stroke='#000'/></g>"
                + "<g opacity='0'><line x2='4' stroke='#000'/></g>"
                + "<g style='stroke:none; fill:none'><line x2='4'/><line x2='6' style='stroke: #123'/></g>"
                + "<text x='5' y='5'>hello</text>"
                + "<metadata><path d='M0 0 L1 1' xmlns='http://www.w3.org/2000/svg'/></metadata>");
        assertThat(s).hasSize(1);
        assertPoints(s.get(0), 0, 0, 6, 0);
    }

    @Test
    void namespacePrefixesAndForeignElements() {
        Sketch sk = SvgSketchReader.parse("<?xml version='1.0'?>"
                + "<!DOCTYPE svg PUBLIC '-//W3C//DTD SVG 1.1//EN' 'http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd'>"
                + "<s:svg xmlns:s='http://www.w3.org/2000/svg' xmlns:ink='http://www.inkscape.org/namespaces/inkscape'>"
                + "<ink:path d='M0 0 L50 50'/><s:g><s:path d='M1 2 L3 4'/></s:g></s:svg>", "ns.svg");
        List<SketchStrokes.Stroke> s = SketchStrokes.of(sk);
        assertThat(s).hasSize(1);
        assertPoints(s.get(0), 1, 2, 3, 4);
    }

    @Test
    void readsFilesAndGzippedFiles(@TempDir Path dir) throws IOException {
        String text = "<svg xmlns='http://www.w3.org/2000/svg'><path d='M1 1 L2 2 M5 5 L6 5'/></svg>";
        Path plain = dir.resolve("a.svg");
        Files.writeString(plain, text);
        Path zipped = dir.resolve("a.svgz");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        Files.write(zipped, bytes.toByteArray());
        Sketch a = SvgSketchReader.read(plain);
        assertThat(a.size()).isEqualTo(4);
        assertThat(SvgSketchReader.read(zipped)).isEqualTo(a);
    }

    @Test
    void externalEntitiesAreNeverRead(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "M0 0 L100 100");
        String attack = "<?xml version='1.0'?><!DOCTYPE svg [<!ENTITY xxe SYSTEM '" + secret.toUri() + "'>]>"
                + "<svg xmlns='http://www.w3.org/2000/svg'><path d='M1 1 L2 2'/><path d='&xxe;'/></svg>";
        Sketch sk;
        try {
            sk = SvgSketchReader.parse(attack, "attack.svg");
        } catch (BadInputException refused) {
            return; // refusing the document is as safe as ignoring the entity
        }
        assertThat(SketchStrokes.of(sk)).hasSize(1);
        assertThat(SketchStrokes.bounds(sk)[2]).isLessThan(100);
    }

    @Test
    void internalEntitiesOfEditorExportsWorkAndEntityBombsAreRefused() {
        Sketch sk = SvgSketchReader.parse("<?xml version='1.0'?><!DOCTYPE svg PUBLIC '-//W3C//DTD SVG 1.1//EN'"
                + " 'http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd' [<!ENTITY ns_svg 'http://www.w3.org/2000/svg'>]>"
                + "<svg xmlns='&ns_svg;'><path d='M1 1 L2 2'/></svg>", "illustrator.svg");
        assertThat(sk.size()).isEqualTo(2);
        StringBuilder bomb = new StringBuilder("<?xml version='1.0'?><!DOCTYPE svg [<!ENTITY a0 'aaaaaaaaaa'>");
        for (int i = 1; i <= 6; i++) {
            bomb.append("<!ENTITY a").append(i).append(" '").append(("&a" + (i - 1) + ";").repeat(10)).append("'>");
        }
        bomb.append("]><svg xmlns='http://www.w3.org/2000/svg'><path d='M1 1 L2 2'/><text>")
                .append("&a6;".repeat(10)).append("</text></svg>");
        assertThatThrownBy(() -> SvgSketchReader.parse(bomb.toString(), "bomb.svg"))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("bomb.svg: not well-formed XML");
    }

    @Test
    void badInputNamesTheSourceAndWhatWasExpected() {
        assertThatThrownBy(() -> SvgSketchReader.parse("not xml at all", "doodle.svg"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("doodle.svg: not well-formed XML").hasMessageContaining("expected an SVG");
        assertThatThrownBy(() -> SvgSketchReader.parse("", "empty.svg"))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("empty.svg: ");
        assertThatThrownBy(() -> SvgSketchReader.parse("<html><body/></html>", "page.html"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("page.html").hasMessageContaining("root element is <html>");
        assertThatThrownBy(() -> SvgSketchReader.parse("<svg xmlns='http://www.w3.org/2000/svg'>"
                + "<defs><path d='M0 0 L1 1'/></defs><text>hi</text></svg>", "blank.svg"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("blank.svg: no drawable element found; expected an SVG drawing with path, polyline,"
                        + " polygon, line, rect, circle or ellipse elements outside <defs>");
        assertThatThrownBy(() -> svg("<path id='leg' d='M10 20 L30'/>"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("test.svg: <path id=\"leg\">").hasMessageContaining("the y of a lineto");
        assertThatThrownBy(() -> svg("<path d='M0 0'/><path d='M10 20 X30 40'/>"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("<path> number 2").hasMessageContaining("unknown path command 'X'");
        assertThatThrownBy(() -> svg("<path d='L10 20'/>"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("must start with a moveto");
        assertThatThrownBy(() -> svg("<path d='M0 0 A5 5 0 2 1 10 10'/>"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("large-arc flag");
        assertThatThrownBy(() -> svg("<g transform='spin(30)'><path d='M0 0 L1 1'/></g>"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("<g> number 1: bad transform")
                .hasMessageContaining("unknown transform 'spin'");
        assertThatThrownBy(() -> svg("<polyline points='0,0 10,10 20' stroke='#000'/>"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("<polyline> number 1")
                .hasMessageContaining("y coordinate after x = 20");
        assertThatThrownBy(() -> svg("<circle r='2em'/>"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("r=\"2em\" has unit 'em'");
        assertThatThrownBy(() -> SvgSketchReader.parse("<svg xmlns='http://www.w3.org/2000/svg'>"
                + "<rect width='50%' height='10'/></svg>", "p.svg"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("percentage");
        assertThatThrownBy(() -> svg("<line x1='abc' x2='3' stroke='#000'/>"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("x1=\"abc\" is not a length");
    }

    @Test
    void missingFileIsReportedAsSuch(@TempDir Path dir) {
        assertThatThrownBy(() -> SvgSketchReader.read(dir.resolve("nope.svg")))
                .hasRootCauseInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    private static int indexOf(SketchStrokes.Stroke s, double x, double y) {
        for (int i = 0; i < s.size(); i++) {
            if (Math.abs(s.x()[i] - x) < 1e-6 && Math.abs(s.y()[i] - y) < 1e-6) {
                return i;
            }
        }
        throw new AssertionError("no point at (" + x + ", " + y + ")");
    }
}
