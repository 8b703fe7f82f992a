package sketchrnn.data;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * The paint properties of an SVG element that decide whether it shows on white paper: {@code fill},
 * {@code stroke} and their opacities, {@code stroke-width}, {@code visibility} (all inherited), and
 * the element's own {@code display} and {@code opacity}. A {@code style} attribute overrides the
 * presentation attributes. Style sheets ({@code <style>}, {@code class}) are not applied.
 */
final class SvgStyle {
    static final SvgStyle ROOT = new SvgStyle("black", "none", 1, 1, 1, true);

    private final String fill;
    private final String stroke;
    private final double fillOpacity;
    private final double strokeOpacity;
    private final double strokeWidth;
    private final boolean visible;

    private SvgStyle(String fill, String stroke, double fillOpacity, double strokeOpacity, double strokeWidth,
                     boolean visible) {
        this.fill = fill;
        this.stroke = stroke;
        this.fillOpacity = fillOpacity;
        this.strokeOpacity = strokeOpacity;
        this.strokeWidth = strokeWidth;
        this.visible = visible;
    }

    /** The properties of {@code e}: its own where set, else inherited from this (its parent's). */
    SvgStyle child(Element e) {
        Map<String, String> p = properties(e);
        return new SvgStyle(
                p.getOrDefault("fill", fill),
                p.getOrDefault("stroke", stroke),
                number(p.get("fill-opacity"), fillOpacity),
                number(p.get("stroke-opacity"), strokeOpacity),
                number(p.get("stroke-width"), strokeWidth),
                p.containsKey("visibility") ? "visible".equals(p.get("visibility")) : visible);
    }

    /** True when {@code e} and its content are not drawn at all ({@code display:none}, {@code opacity:0}). */
    static boolean hidden(Element e) {
        Map<String, String> p = properties(e);
        return "none".equals(p.get("display")) || number(p.get("opacity"), 1) <= 0;
    }

    /** False under {@code visibility: hidden} or {@code collapse}. */
    boolean visible() {
        return visible;
    }

    /** True when a shape with these properties leaves a mark on white paper. */
    boolean marksPaper() {
        return visible && (strokes() || (paints(fill) && fillOpacity > 0));
    }

    /** True when the outline is painted. */
    boolean strokes() {
        return paints(stroke) && strokeOpacity > 0 && strokeWidth > 0;
    }

    private static boolean paints(String paint) {
        String p = paint.replace(" ", "").toLowerCase(Locale.ROOT);
        return !(p.equals("none") || p.equals("transparent") || p.equals("white") || p.equals("#fff")
                || p.equals("#ffffff") || p.equals("rgb(255,255,255)") || p.equals("rgb(100%,100%,100%)"));
    }

    private static Map<String, String> properties(Element e) {
        Map<String, String> p = new HashMap<>();
        for (String name : new String[] {"fill", "stroke", "fill-opacity", "stroke-opacity", "stroke-width",
            "visibility", "display", "opacity"}) {
            if (e.hasAttribute(name)) {
                p.put(name, e.getAttribute(name).strip());
            }
        }
        for (String declaration : e.getAttribute("style").split(";")) {
            int colon = declaration.indexOf(':');
            if (colon > 0) {
                String name = declaration.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = declaration.substring(colon + 1).replace("!important", "").strip();
                p.put(name, value);
            }
        }
        p.values().removeIf(v -> v.isEmpty() || v.equals("inherit"));
        return p;
    }

    private static double number(String text, double fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            String t = text.endsWith("%") ? text.substring(0, text.length() - 1) : text;
            double v = Double.parseDouble(t.replaceAll("[a-z]+$", ""));
            return text.endsWith("%") ? v / 100 : v;
        } catch (NumberFormatException ex) {
            return fallback;
        }
    }
}
