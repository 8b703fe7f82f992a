package sketchrnn.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;
import sketchrnn.checkpoint.Checkpoint;
import sketchrnn.checkpoint.RunFolder;
import sketchrnn.data.BadInputException;
import sketchrnn.data.SketchFiles;
import sketchrnn.data.SketchSplits;
import sketchrnn.data.TrainingData;
import sketchrnn.interop.BrowserModel;
import sketchrnn.interop.BrowserModelFile;
import sketchrnn.interop.ExportInfo;
import sketchrnn.interop.Int16Codec;
import sketchrnn.interop.NamedArray;
import sketchrnn.model.LossMetrics;
import sketchrnn.model.ModelConfig;

/**
 * {@code sketchrnn export}: writes a trained plain-LSTM model in the published browser format (docs/model.md §12), for
 * Google's JavaScript runtimes.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a trained model in the browser format of sketch-rnn-js and @magenta/sketch: a "
                + "decoder-only model to NAME.gen.json, a conditional (VAE) one to NAME.vae.json. Weights are "
                + "quantised to int16 (values clipped to +-10, steps of 10/32767); the file records scale_factor, "
                + "max_seq_len, mode, version 6, the validation losses of the checkpoint as r_loss and kl_loss, and "
                + "the number of training sketches as training_size (when the data files are still there).",
            "Only lstm models can be exported: the browser runtimes implement the plain LSTM only (no layer_norm, "
                + "no hyper), with 20 mixture components."},
        footer = {"", "Examples:",
            "  sketchrnn export --model runs/sheep-gen --out sheep.gen.json",
            "  sketchrnn export --model runs/sheep/best.ckpt --out sheep.vae.json \\",
            "      --name sheep"})
public final class ExportVerb implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "RUN_DIR|CHECKPOINT",
            description = "A run folder (its best.ckpt, else last.ckpt) or a checkpoint.")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "NAME.gen.json|NAME.vae.json",
            description = "The file to write: .gen.json for a decoder-only model, .vae.json for a conditional one.")
    Path out;

    @Option(names = "--name", paramLabel = "NAME",
            description = "The model's name in the file (default: the file name without .gen.json/.vae.json).")
    String name;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String file = out.getFileName() == null ? "" : out.getFileName().toString();
        boolean gen = file.endsWith(".gen.json");
        if (!gen && !file.endsWith(".vae.json")) {
            throw new BadInputException("--out " + out + " must end in .gen.json (decoder-only model) or .vae.json "
                    + "(conditional model)");
        }
        Path ckpt = RunFolder.checkpointOf(model);
        Checkpoint c = Checkpoint.read(ckpt);
        ModelConfig config = c.hparams().model();
        // the cells and mixture size first: a model the browser runtimes cannot run is refused whatever the name
        BrowserModel.forExport(config, c.weights(), ExportInfo.of("check", c.scaleFactor(), config.maxSeqLen()));
        if (gen == config.conditional()) {
            throw new BadInputException(ckpt + " is " + (config.conditional()
                    ? "a conditional (VAE) model: export it to a .vae.json file (.gen.json holds decoder-only models)"
                    : "a decoder-only model: export it to a .gen.json file (.vae.json holds conditional models)"));
        }
        PrintWriter msg = spec.commandLine().getOut();
        ExportInfo info = new ExportInfo(name != null ? name : BrowserModelFile.defaultName(out), c.scaleFactor(),
                config.maxSeqLen(), metric(c, LossMetrics.RECON.savedAs("valid_")), metric(c, LossMetrics.KL.savedAs("valid_")), trainingSize(c, msg));
        BrowserModel written = BrowserModelFile.export(out, config, c.weights(), info);
        long bytes = size(out);
        double worst = 0;
        long clipped = 0;
        long count = 0;
        for (NamedArray a : written.arrays()) {
            for (int i = 0; i < a.length(); i++) {
                float v = a.get(i);
                if (Math.abs(v) > Int16Codec.MAX_WEIGHT) {
                    clipped++;
                } else {
                    worst = Math.max(worst, Math.abs(v - Int16Codec.dequantize(Int16Codec.quantize(v))));
                }
            }
            count += a.length();
        }
        msg.printf(Locale.ROOT, "wrote %s: %s lstm model \"%s\" (%s), step %d, %,d weights, %,d bytes%n", out,
                config.conditional() ? "conditional (VAE)" : "decoder-only", info.name(), written.sizes().describe(),
                c.step(), count, bytes);
        msg.printf(Locale.ROOT, "  scale_factor %.4f, max_seq_len %d, r_loss %s, kl_loss %s, training_size %s%n",
                info.scaleFactor(), info.maxSeqLen(), text(info.rLoss()), text(info.klLoss()),
                info.trainingSize().isPresent() ? Long.toString(info.trainingSize().getAsLong()) : "not recorded");
        msg.printf(Locale.ROOT, "  int16 quantisation: largest change of a weight %.2e%s%n", worst,
                clipped == 0 ? ", none clipped" : String.format(Locale.ROOT, "; %,d weights beyond +-10 clipped", clipped));
        msg.flush();
        return 0;
    }

    private static OptionalDouble metric(Checkpoint c, String key) {
        Double v = c.metrics().get(key);
        return v != null && Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
    }

    /** The number of training sketches, from the run's data files when they are all still there. */
    private static OptionalLong trainingSize(Checkpoint c, PrintWriter msg) {
        if (c.data().isEmpty()) {
            return OptionalLong.empty();
        }
        List<SketchSplits> files = new ArrayList<>();
        for (String d : c.data()) {
            Path p = Path.of(d);
            if (!Files.isRegularFile(p)) {
                msg.println("note: training data " + d + " is not there; training_size is not recorded");
                return OptionalLong.empty();
            }
            files.add(SketchFiles.loadSplits(p));
        }
        return OptionalLong.of(TrainingData.of(files, c.hparams().model().maxSeqLen(), c.scaleFactor()).train().size());
    }

    private static String text(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.4f", v.getAsDouble()) : "not recorded";
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

}
