package sketchrnn.checkpoint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import sketchrnn.data.BadInputException;

/**
 * The layout of a training run's folder as far as its readers care: {@code best.ckpt} (best validation
 * cost), {@code last.ckpt} (latest, with optimizer state); and which checkpoint a model argument names.
 */
public final class RunFolder {
    public static final String LAST = "last.ckpt";
    public static final String BEST = "best.ckpt";

    private RunFolder() {
    }

    /**
     * The checkpoint a model argument names: a checkpoint file as is; a run folder's {@code best.ckpt},
     * else its {@code last.ckpt}.
     */
    public static Path checkpointOf(Path modelArg) {
        if (Files.isDirectory(modelArg)) {
            Path best = modelArg.resolve(BEST);
            if (Files.exists(best)) {
                return best;
            }
            Path last = modelArg.resolve(LAST);
            if (Files.exists(last)) {
                return last;
            }
            throw new BadInputException(modelArg + ": a folder without " + BEST + " or " + LAST + " (not a training run)");
        }
        if (!Files.exists(modelArg)) {
            throw new BadInputException(modelArg + ": no such model file or run folder");
        }
        return modelArg;
    }

    /** The data set names without folder and extension ("aaron_sheep"). */
    public static List<String> shortNames(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String f = Path.of(n).getFileName().toString();
            int dot = f.lastIndexOf('.');
            out.add(dot > 0 ? f.substring(0, dot) : f);
        }
        return out;
    }
}
