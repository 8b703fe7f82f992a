package sketchrnn.data;

import java.util.List;

/**
 * The three splits of one sketch data file (a sketch-rnn {@code .npz} holds {@code train},
 * {@code valid} and {@code test}), in the file's units.
 *
 * @param name  a short name for the data set, usually the file name without extension ("aaron_sheep")
 * @param train training sketches
 * @param valid validation sketches
 * @param test  test sketches
 */
public record SketchSplits(String name, List<Sketch> train, List<Sketch> valid, List<Sketch> test) {
    public SketchSplits {
        train = List.copyOf(train);
        valid = List.copyOf(valid);
        test = List.copyOf(test);
    }

    /** The split by name: {@code train}, {@code valid} (or {@code validation}) or {@code test}. */
    public List<Sketch> split(String split) {
        return switch (split) {
            case "train" -> train;
            case "valid", "validation" -> valid;
            case "test" -> test;
            default -> throw new BadInputException("unknown split '" + split + "': expected train, valid or test");
        };
    }
}
