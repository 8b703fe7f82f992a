package sketchrnn.render;

import java.util.Objects;
import sketchrnn.data.Sketch;

/**
 * One cell of a picture: a sketch, the index from which its points are drawn in the highlight colour
 * (for a completion: the given prefix in the normal colour, the model's ending highlighted), and an
 * optional caption under it.
 *
 * <p>The segment that leads into point {@code i} takes the colour of point {@code i}, so a stroke that
 * the ending continues changes colour exactly where the ending begins.
 *
 * @param sketch  the drawing, in any units (it is scaled to fit its cell)
 * @param splitAt points {@code splitAt .. size-1} are highlighted; {@code sketch.size()} for none
 * @param caption text under the drawing, or null for none
 */
public record Panel(Sketch sketch, int splitAt, String caption) {
    public Panel {
        Objects.requireNonNull(sketch, "sketch");
        if (splitAt < 0 || splitAt > sketch.size()) {
            throw new IllegalArgumentException("splitAt " + splitAt + " is outside 0.." + sketch.size());
        }
    }

    /** The sketch in the normal colour, without caption. */
    public static Panel of(Sketch sketch) {
        return new Panel(sketch, sketch.size(), null);
    }

    /** The sketch in the normal colour with a caption (null for none). */
    public static Panel of(Sketch sketch, String caption) {
        return new Panel(sketch, sketch.size(), caption);
    }

    /**
     * A completion: {@code prefix} in the normal colour, then {@code ending} (whose first offset is from
     * the prefix's last point, as a model continues a drawing) in the highlight colour.
     */
    public static Panel completion(Sketch prefix, Sketch ending, String caption) {
        float[] a = prefix.toFlat();
        float[] b = ending.toFlat();
        float[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return new Panel(Sketch.ofFlat(all), prefix.size(), caption);
    }

    /** This panel with another caption (null for none). */
    public Panel withCaption(String newCaption) {
        return new Panel(sketch, splitAt, newCaption);
    }

    /** True when some points are highlighted. */
    public boolean hasHighlight() {
        return splitAt < sketch.size();
    }
}
