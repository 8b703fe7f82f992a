package sketchrnn.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Imports a person's own vector drawing from an SVG file as a stroke-3 {@link Sketch}.
 *
 * <p>Drawn elements are {@code path} (every SVG 1.1 command, absolute and relative, with implicit
 * repetition), {@code polyline}, {@code polygon}, {@code line}, {@code rect} (with rounded corners),
 * {@code circle} and {@code ellipse}, inside {@code svg}, {@code g}, {@code a} and {@code switch}
 * containers, and {@code use} references to them. {@code transform} attributes of elements and their
 * ancestors are applied. Each subpath becomes one stroke, in document order; the points are in the
 * document's user units (y down, like Quick, Draw!); the first point is an offset from the origin.
 * Curves and arcs are cut into line segments at most {@link #STEP} user units long; straight segments
 * are kept whole.
 *
 * <p>Not drawn: anything inside {@code defs}, {@code symbol}, {@code clipPath}, {@code mask},
 * {@code marker} or {@code pattern} (unless reached through {@code use}), text and images, elements
 * with {@code display:none}, {@code visibility:hidden} or {@code opacity:0}, and shapes that leave no
 * mark on white paper (neither stroked nor filled, or only filled in white, or an unstroked rectangle
 * covering the whole canvas: a background). The root {@code viewBox} does not rescale the result.
 *
 * <p>Security: the XML parser loads no external DTD and resolves no external entity.
 */
public final class SvgSketchReader {
    /** Longest line segment, in user units, that a curve or arc is cut into. */
    public static final double STEP = 2.0;
    /** Most points one drawing may produce. */
    static final int MAX_POINTS = 1_000_000;
    private static final String SVG_NS = "http://www.w3.org/2000/svg";
    private static final String XLINK_NS = "http://www.w3.org/1999/xlink";
    private static final Set<String> CONTAINERS = Set.of("svg", "g", "a", "switch");
    private static final Set<String> SHAPES = Set.of("path", "polyline", "polygon", "line", "rect", "circle",
            "ellipse");
    private static final String EXPECTED = "expected an SVG drawing with path, polyline, polygon, line, rect,"
            + " circle or ellipse elements";
    private static final int MAX_DEPTH = 256;

    private final String source;
    private final Map<String, Element> ids = new HashMap<>();
    private final Deque<Element> activeUses = new ArrayDeque<>();
    private final SvgStrokeBuilder builder = new SvgStrokeBuilder(STEP, MAX_POINTS);
    /** False when the document has a style sheet, whose rules we do not apply: then paint is not judged. */
    private boolean judgePaint = true;

    private SvgSketchReader(String source) {
        this.source = source;
    }

    /** The most bytes of SVG text read (after inflating a gzip-compressed file): 64 MiB. */
    public static final long MAX_SVG_BYTES = 64L << 20;

    /** Reads an SVG file (or a gzip-compressed {@code .svgz}, inflated with a bound). */
    public static Sketch read(Path file) {
        byte[] bytes;
        String name = file.getFileName().toString();
        try {
            InputLimits.check(Files.size(file), MAX_SVG_BYTES, name, "a file size");
            bytes = Files.readAllBytes(file);
            if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                    bytes = InputLimits.readAll(in, MAX_SVG_BYTES, name, "the gzip-inflated SVG");
                } catch (java.util.zip.ZipException | java.io.EOFException e) {
                    throw new BadInputException(name + ": corrupt gzip data (" + e.getMessage()
                            + "); expected a gzip-compressed SVG (.svgz)", e);
                }
            }
        } catch (IOException e) {
            throw IoErrors.reading(file, e);
        }
        return new SvgSketchReader(file.toString()).run(new InputSource(new ByteArrayInputStream(bytes)));
    }

    /**
     * Parses SVG text.
     *
     * @param svgText    the document
     * @param sourceName names the input in error messages (a file name, "upload", ...)
     */
    public static Sketch parse(String svgText, String sourceName) {
        return new SvgSketchReader(sourceName).run(new InputSource(new StringReader(svgText)));
    }

    private Sketch run(InputSource input) {
        Document doc = parseXml(input);
        Element root = doc.getDocumentElement();
        if (!"svg".equals(name(root))) {
            throw bad("the root element is <" + root.getTagName() + ">; " + EXPECTED + " under a root <svg>");
        }
        indexIds(root);
        judgePaint = root.getElementsByTagNameNS("*", "style").getLength() == 0;
        double[] viewport = viewport(root, new double[] {Double.NaN, Double.NaN});
        try {
            if (!SvgStyle.hidden(root)) {
                walkChildren(root, transform(root), SvgStyle.ROOT.child(root), viewport, 0);
            }
        } catch (SvgScanner.SyntaxError e) {
            throw bad(e.getMessage());
        }
        List<double[]> strokes = builder.strokes();
        if (strokes.isEmpty()) {
            throw bad("no drawable element found; " + EXPECTED + " outside <defs>");
        }
        return toSketch(strokes);
    }

    private Document parseXml(InputSource input) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            b.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return b.parse(input);
        } catch (SAXParseException e) {
            throw bad("not well-formed XML (line " + e.getLineNumber() + ": " + e.getMessage() + "); " + EXPECTED, e);
        } catch (SAXException e) {
            throw bad("not readable as XML (" + e.getMessage() + "); " + EXPECTED, e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a security feature", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void indexIds(Element root) {
        NodeList all = root.getElementsByTagNameNS("*", "*");
        ids.putIfAbsent(root.getAttribute("id"), root);
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.hasAttribute("id")) {
                ids.putIfAbsent(e.getAttribute("id"), e);
            }
        }
    }

    private void walkChildren(Element parent, Affine ctm, SvgStyle style, double[] viewport, int depth) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                walk(e, ctm, style, viewport, depth + 1);
            }
        }
    }

    private void walk(Element e, Affine parentCtm, SvgStyle parentStyle, double[] viewport, int depth) {
        String name = name(e);
        if (name == null || depth > MAX_DEPTH || SvgStyle.hidden(e)
                || !(CONTAINERS.contains(name) || SHAPES.contains(name) || name.equals("use"))) {
            return;
        }
        Affine ctm = parentCtm.times(transform(e));
        SvgStyle style = parentStyle.child(e);
        switch (name) {
            case "svg" -> {
                Affine inner = ctm.times(Affine.translate(length(e, "x", 0, viewport, 0), length(e, "y", 0, viewport, 1)));
                walkChildren(e, inner, style, viewport(e, viewport), depth);
            }
            case "g", "a", "switch" -> walkChildren(e, ctm, style, viewport, depth);
            case "use" -> use(e, ctm, style, viewport, depth);
            default -> {
                if (drawn(e, name, style)) {
                    builder.setTransform(ctm);
                    try {
                        shape(e, name, viewport);
                    } catch (SvgScanner.SyntaxError ex) {
                        throw new SvgScanner.SyntaxError(describe(e) + ": " + ex.getMessage());
                    }
                }
            }
        }
    }

    private void use(Element e, Affine ctm, SvgStyle style, double[] viewport, int depth) {
        String href = e.getAttributeNS(XLINK_NS, "href");
        if (href.isEmpty()) {
            href = e.getAttribute("href");
        }
        Element target = href.startsWith("#") ? ids.get(href.substring(1)) : null;
        if (target == null || activeUses.contains(e)) {
            return; // a dangling or circular reference draws nothing, as in a browser
        }
        Affine placed = ctm.times(Affine.translate(length(e, "x", 0, viewport, 0), length(e, "y", 0, viewport, 1)));
        activeUses.push(e);
        try {
            if ("symbol".equals(name(target))) {
                if (!SvgStyle.hidden(target)) {
                    walkChildren(target, placed.times(transform(target)), style.child(target), viewport, depth);
                }
            } else {
                walk(target, placed, style, viewport, depth + 1);
            }
        } finally {
            activeUses.pop();
        }
    }

    private void shape(Element e, String name, double[] vp) {
        SvgStrokeBuilder b = builder;
        switch (name) {
            case "path" -> SvgPathData.parse(e.getAttribute("d"), b);
            case "line" -> {
                b.moveTo(length(e, "x1", 0, vp, 0), length(e, "y1", 0, vp, 1));
                b.lineTo(length(e, "x2", 0, vp, 0), length(e, "y2", 0, vp, 1));
            }
            case "polyline", "polygon" -> {
                SvgScanner s = new SvgScanner(e.getAttribute("points"));
                boolean first = true;
                while (!s.atEnd()) {
                    double x = s.number("an x coordinate");
                    double y = s.number("the y coordinate after x = " + fmt(x));
                    if (first) {
                        b.moveTo(x, y);
                    } else {
                        b.lineTo(x, y);
                    }
                    first = false;
                    s.skipCommaSpace();
                }
                if (name.equals("polygon") && !first) {
                    b.closePath();
                }
            }
            case "rect" -> rect(e, vp, b);
            case "circle" -> {
                double r = length(e, "r", 0, vp, 2);
                ellipse(length(e, "cx", 0, vp, 0), length(e, "cy", 0, vp, 1), r, r, b);
            }
            case "ellipse" -> {
                double rx = radius(e, "rx", "ry", vp, 0);
                double ry = radius(e, "ry", "rx", vp, 1);
                ellipse(length(e, "cx", 0, vp, 0), length(e, "cy", 0, vp, 1), rx, ry, b);
            }
            default -> throw new IllegalStateException(name);
        }
    }

    private void rect(Element e, double[] vp, SvgPathSink b) {
        double x = length(e, "x", 0, vp, 0);
        double y = length(e, "y", 0, vp, 1);
        double w = length(e, "width", 0, vp, 0);
        double h = length(e, "height", 0, vp, 1);
        if (w <= 0 || h <= 0) {
            return;
        }
        double rx = Math.min(radius(e, "rx", "ry", vp, 0), w / 2);
        double ry = Math.min(radius(e, "ry", "rx", vp, 1), h / 2);
        if (rx <= 0 || ry <= 0) {
            b.moveTo(x, y);
            b.lineTo(x + w, y);
            b.lineTo(x + w, y + h);
            b.lineTo(x, y + h);
            b.closePath();
            return;
        }
        b.moveTo(x + rx, y);
        b.lineTo(x + w - rx, y);
        b.arcTo(rx, ry, 0, false, true, x + w, y + ry);
        b.lineTo(x + w, y + h - ry);
        b.arcTo(rx, ry, 0, false, true, x + w - rx, y + h);
        b.lineTo(x + rx, y + h);
        b.arcTo(rx, ry, 0, false, true, x, y + h - ry);
        b.lineTo(x, y + ry);
        b.arcTo(rx, ry, 0, false, true, x + rx, y);
        b.closePath();
    }

    private static void ellipse(double cx, double cy, double rx, double ry, SvgPathSink b) {
        if (rx <= 0 || ry <= 0) {
            return;
        }
        b.moveTo(cx + rx, cy);
        b.arcTo(rx, ry, 0, false, true, cx, cy + ry);
        b.arcTo(rx, ry, 0, false, true, cx - rx, cy);
        b.arcTo(rx, ry, 0, false, true, cx, cy - ry);
        b.arcTo(rx, ry, 0, false, true, cx + rx, cy);
        b.closePath();
    }

    /**
     * True when the shape leaves a mark on white paper: it is visible and stroked, or filled in a colour
     * other than white (a line has no inside, so only its stroke counts). An unstroked rectangle as
     * large as the canvas is a background, not part of the drawing. With a style sheet in the document,
     * only visibility is judged.
     */
    private boolean drawn(Element e, String name, SvgStyle style) {
        if (!style.visible()) {
            return false;
        }
        if (!judgePaint) {
            return true;
        }
        boolean background = name.equals("rect") && !style.strokes()
                && e.getAttribute("width").strip().equals("100%") && e.getAttribute("height").strip().equals("100%");
        return name.equals("line") ? style.strokes() : style.marksPaper() && !background;
    }

    /** A corner or ellipse radius; "auto" or absent takes the other one's value (SVG 2). */
    private double radius(Element e, String attr, String other, double[] vp, int axis) {
        String v = e.getAttribute(attr).strip();
        if (v.isEmpty() || v.equals("auto")) {
            String o = e.getAttribute(other).strip();
            return o.isEmpty() || o.equals("auto") ? 0 : length(e, other, 0, vp, 1 - axis);
        }
        return length(e, attr, 0, vp, axis);
    }

    private Affine transform(Element e) {
        try {
            return SvgTransform.parse(e.getAttribute("transform"));
        } catch (SvgScanner.SyntaxError ex) {
            throw new SvgScanner.SyntaxError(describe(e) + ": bad transform: " + ex.getMessage());
        }
    }

    /** The viewport an element establishes: its viewBox size, else its width and height, else the parent's. */
    private double[] viewport(Element svg, double[] parent) {
        String viewBox = svg.getAttribute("viewBox").strip();
        if (!viewBox.isEmpty()) {
            try {
                SvgScanner s = new SvgScanner(viewBox);
                s.number("min-x");
                s.number("min-y");
                return new double[] {s.number("width"), s.number("height")};
            } catch (SvgScanner.SyntaxError ex) {
                throw bad(describe(svg) + ": bad viewBox: " + ex.getMessage());
            }
        }
        double w = lengthOrNaN(svg, "width", parent, 0);
        double h = lengthOrNaN(svg, "height", parent, 1);
        return new double[] {Double.isNaN(w) ? parent[0] : w, Double.isNaN(h) ? parent[1] : h};
    }

    private double lengthOrNaN(Element e, String attr, double[] vp, int axis) {
        String v = e.getAttribute(attr).strip();
        if (v.isEmpty() || (v.endsWith("%") && Double.isNaN(vp[Math.min(axis, 1)]))) {
            return Double.NaN;
        }
        return length(e, attr, Double.NaN, vp, axis);
    }

    /**
     * A length attribute in user units: a number, optionally with an absolute unit (px, pt, pc, mm,
     * cm, in at 96 per inch) or a percentage of the viewport (axis 0 = width, 1 = height, 2 = diagonal).
     */
    private double length(Element e, String attr, double fallback, double[] vp, int axis) {
        String v = e.getAttribute(attr).strip();
        if (v.isEmpty()) {
            return fallback;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        int end = lower.length();
        while (end > 0 && (Character.isLetter(lower.charAt(end - 1)) || lower.charAt(end - 1) == '%')) {
            end--;
        }
        String unit = lower.substring(end);
        double number;
        try {
            number = Double.parseDouble(lower.substring(0, end).strip());
        } catch (NumberFormatException ex) {
            throw bad(describe(e) + ": " + attr + "=\"" + v + "\" is not a length (expected a number, e.g. 12 or 12px)");
        }
        double scale = switch (unit) {
            case "", "px" -> 1;
            case "pt" -> 96.0 / 72;
            case "pc" -> 16;
            case "mm" -> 96 / 25.4;
            case "cm" -> 96 / 2.54;
            case "in" -> 96;
            case "%" -> {
                double ref = axis == 0 ? vp[0] : axis == 1 ? vp[1] : Math.sqrt((vp[0] * vp[0] + vp[1] * vp[1]) / 2);
                if (Double.isNaN(ref)) {
                    throw bad(describe(e) + ": " + attr + "=\"" + v + "\" is a percentage but the <svg> has no"
                            + " viewBox or width and height to take it of");
                }
                yield ref / 100;
            }
            default -> throw bad(describe(e) + ": " + attr + "=\"" + v + "\" has unit '" + unit
                    + "', which needs a font or viewport (expected a number, or px, pt, pc, mm, cm, in, %)");
        };
        return number * scale;
    }

    /** The element's SVG name, or null when it belongs to another XML vocabulary. */
    private static String name(Element e) {
        String ns = e.getNamespaceURI();
        if (ns != null && !ns.equals(SVG_NS)) {
            return null;
        }
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }

    /** Names an element for a message: {@code <path id="leg">} or {@code <path> number 3}. */
    private static String describe(Element e) {
        String tag = e.getLocalName() != null ? e.getLocalName() : e.getTagName();
        if (e.hasAttribute("id")) {
            return "<" + tag + " id=\"" + e.getAttribute("id") + "\">";
        }
        NodeList same = e.getOwnerDocument().getElementsByTagNameNS("*", tag);
        for (int i = 0; i < same.getLength(); i++) {
            if (same.item(i) == e) {
                return "<" + tag + "> number " + (i + 1);
            }
        }
        return "<" + tag + ">";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private BadInputException bad(String message) {
        return new BadInputException(source + ": " + message);
    }

    private BadInputException bad(String message, Throwable cause) {
        return new BadInputException(source + ": " + message, cause);
    }

    /** Absolute strokes to stroke-3: offsets from the previous point, pen lifted after each stroke's last point. */
    private static Sketch toSketch(List<double[]> strokes) {
        int n = 0;
        for (double[] s : strokes) {
            n += s.length / 2;
        }
        float[] flat = new float[3 * n];
        double px = 0; // the position the offsets written so far add up to (so rounding does not drift)
        double py = 0;
        int k = 0;
        for (double[] s : strokes) {
            for (int i = 0; i < s.length; i += 2) {
                float dx = (float) (s[i] - px);
                float dy = (float) (s[i + 1] - py);
                flat[k++] = dx;
                flat[k++] = dy;
                flat[k++] = i == s.length - 2 ? 1 : 0;
                px += dx;
                py += dy;
            }
        }
        return Sketch.ofFlat(flat);
    }
}
