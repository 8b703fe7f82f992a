package sketchrnn.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import sketchrnn.data.Sketch;
import sketchrnn.data.SketchStrokes;
import sketchrnn.data.SvgSketchReader;

class SvgRendererTest {
    private static final Pattern PATH = Pattern.compile("<path stroke=\"(#[0-9a-f]{6})\" d=\"([^\"]*)\"/>");

    private static List<String[]> paths(String svg) {
        List<String[]> out = new ArrayList<>();
        Matcher m = PATH.matcher(svg);
        while (m.find()) {
            out.add(new String[] {m.group(1), m.group(2)});
        }
        return out;
    }

    @Test
    void singleSketchMatchesGolden() throws IOException {
        Golden.assertMatches("house.svg", SvgRenderer.render(TestSketches.house(), RenderOptions.DEFAULTS));
    }

    @Test
    void captionedGridMatchesGolden() throws IOException {
        Sketch house = TestSketches.house();
        List<Panel> panels = List.of(
                Panel.of(house, "house"),
                Panel.completion(house.prefix(8), TestSketches.zigzag(5), "cat & <dog>"),
                Panel.of(TestSketches.square(), null));
        Golden.assertMatches("grid.svg", SvgRenderer.render(panels, RenderOptions.DEFAULTS.withCellSize(120)));
    }

    @Test
    void cleanOutputOnePathPerStrokeRoundCapsShortNumbers() {
        String svg = SvgRenderer.render(TestSketches.house(), RenderOptions.DEFAULTS);
        assertThat(paths(svg)).hasSize(4);
        assertThat(svg).contains("stroke-linecap=\"round\"", "stroke-linejoin=\"round\"", "fill=\"none\"",
                "width=\"200\" height=\"200\"");
        Matcher numbers = Pattern.compile("-?\\d+(\\.\\d+)?").matcher(svg.replaceFirst("<\\?xml[^>]*>", "")
                .replace("http://www.w3.org/2000/svg", ""));
        while (numbers.find()) {
            String n = numbers.group();
            assertThat(n.contains(".") ? n.length() - n.indexOf('.') - 1 : 0).as(n).isBetween(0, 2);
        }
        assertThat(svg).doesNotContain("-0 ", "E-", ",");
        assertThat(SvgRenderer.render(TestSketches.house(), RenderOptions.DEFAULTS)).isEqualTo(svg);
    }

    @Test
    void sketchIsScaledUniformlyToFitItsCellAndCentred() {
        // a 200 x 50 drawing in a 200 px cell: margin 5% + half the line width = 11 px each side
        Sketch wide = Sketch.of(new float[][] {{0, 0, 0}, {200, 0, 0}, {0, 50, 1}});
        String svg = SvgRenderer.render(wide, RenderOptions.DEFAULTS);
        double[] b = SketchStrokes.bounds(SvgSketchReader.parse(svg, "out.svg"));
        assertThat(b[0]).isCloseTo(11, within(0.01));
        assertThat(b[2]).isCloseTo(189, within(0.01));
        double height = b[3] - b[1];
        assertThat(height).isCloseTo(178 / 4.0, within(0.02)); // uniform: aspect ratio kept
        assertThat((b[1] + b[3]) / 2).isCloseTo(100, within(0.01)); // centred vertically
    }

    @Test
    void renderedSvgReadsBackAsTheSameDrawing() {
        Sketch house = TestSketches.house();
        Sketch back = SvgSketchReader.parse(SvgRenderer.render(house, RenderOptions.DEFAULTS), "out.svg");
        List<SketchStrokes.Stroke> a = SketchStrokes.of(house);
        List<SketchStrokes.Stroke> b = SketchStrokes.of(back);
        assertThat(b).hasSize(a.size());
        double scale = 178 / 100.0; // body is 100 units tall, roof adds 40.333: extent 140.333
        scale = 178 / 140.333;
        for (int s = 0; s < a.size(); s++) {
            assertThat(b.get(s).size()).isEqualTo(a.get(s).size());
            for (int i = 0; i < a.get(s).size(); i++) {
                double ex = a.get(s).x()[i] - a.get(0).x()[0];
                double ey = a.get(s).y()[i] - a.get(0).y()[0];
                assertThat(b.get(s).x()[i] - b.get(0).x()[0]).isCloseTo(ex * scale, within(0.02));
                assertThat(b.get(s).y()[i] - b.get(0).y()[0]).isCloseTo(ey * scale, within(0.02));
            }
        }
    }

    @Test
    void highlightStartsWhereTheEndingBegins() {
        // prefix: the square's first 3 points; ending: 2 more points of the same stroke, then a new stroke
        Sketch square = TestSketches.square();
        Sketch ending = Sketch.of(new float[][] {{-100, 0, 0}, {0, -100, 1}, {50, 50, 1}});
        Panel p = Panel.completion(square.prefix(3), ending, null);
        assertThat(p.splitAt()).isEqualTo(3);
        List<String[]> paths = paths(SvgRenderer.render(List.of(p), RenderOptions.DEFAULTS));
        assertThat(paths).extracting(x -> x[0]).containsExactly("#1a1a1a", "#d62728", "#d62728");
        // the normal part has points 0..2, the highlighted part continues from point 2 (shared)
        String[] normal = paths.get(0)[1].substring(1).split("[ L]");
        String[] high = paths.get(1)[1].substring(1).split("[ L]");
        assertThat(normal).hasSize(6);
        assertThat(high).hasSize(6);
        assertThat(high[0]).isEqualTo(normal[4]);
        assertThat(high[1]).isEqualTo(normal[5]);
        // a single-point stroke in the ending is a zero-length path: a dot with round caps
        assertThat(paths.get(2)[1]).matches("M([\\d.]+) ([\\d.]+)L\\1 \\2");
    }

    @Test
    void colorByStrokeUsesThePaletteInStrokeOrder() {
        RenderOptions o = RenderOptions.DEFAULTS.withColorByStroke(true);
        assertThat(paths(SvgRenderer.render(TestSketches.house(), o))).extracting(x -> x[0])
                .containsExactly("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728");
        RenderOptions two = o.withPalette(List.of(RenderOptions.parseColor("#123"), RenderOptions.parseColor("red")));
        assertThat(paths(SvgRenderer.render(TestSketches.house(), two))).extracting(x -> x[0])
                .containsExactly("#112233", "#ff0000", "#112233", "#ff0000");
    }

    @Test
    void captionsAreEscapedAndCutToFitTheCell() {
        String svg = SvgRenderer.render(List.of(Panel.of(TestSketches.square(), "a<b & \"c\"\n'd'"),
                Panel.of(TestSketches.square(), "x".repeat(200))), RenderOptions.DEFAULTS);
        assertThat(svg).contains(">a&lt;b &amp; &quot;c&quot; &apos;d&apos;</text>");
        Matcher m = Pattern.compile(">(x+)\u2026</text>").matcher(svg);
        assertThat(m.find()).isTrue();
        assertThat(m.group(1).length() * 0.6 * 12).isLessThanOrEqualTo(196);
        assertThat(m.group(1).length()).isGreaterThan(20);
        // the band under the cells makes room for the captions
        assertThat(svg).contains("width=\"400\" height=\"220\"");
    }

    @Test
    void gridLayoutIsNearSquareOrHasTheRequestedColumns() {
        List<Panel> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(Panel.of(TestSketches.zigzag(3 + i)));
        }
        assertThat(SvgRenderer.render(five, RenderOptions.DEFAULTS.withCellSize(100)))
                .contains("width=\"300\" height=\"200\"");
        assertThat(SvgRenderer.render(five, RenderOptions.DEFAULTS.withCellSize(100).withColumns(5)))
                .contains("width=\"500\" height=\"100\"");
        assertThat(SvgRenderer.render(five, RenderOptions.DEFAULTS.withCellSize(100).withColumns(2)))
                .contains("width=\"200\" height=\"300\"");
        assertThat(paths(SvgRenderer.render(five, RenderOptions.DEFAULTS))).hasSize(5);
    }
}
