package sketchrnn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import sketchrnn.checkpoint.Checkpoint;
import sketchrnn.checkpoint.RunFolder;
import sketchrnn.data.BadInputException;
import sketchrnn.interop.BrowserInfo;
import sketchrnn.interop.BrowserModel;
import sketchrnn.interop.BrowserModelFile;
import sketchrnn.interop.ExportInfo;
import sketchrnn.interop.NamedArray;
import sketchrnn.model.HParams;
import sketchrnn.model.ModelConfig;

/** What {@code sketchrnn info} says about a model: a browser model file, a checkpoint or a run folder. */
final class ModelInfo {
    /** The hyperparameters that define a model's shape, shown first. */
    private static final List<String> ARCHITECTURE = List.of("conditional", "enc_model", "enc_rnn_size", "dec_model",
            "dec_rnn_size", "z_size", "num_mixture", "max_seq_len");

    private ModelInfo() {
    }

    /**
     * True for a browser model: named {@code .gen.json} or {@code .vae.json}, or a {@code .json} file whose text
     * starts as one, {@code [{} (a JSON sketch file starts {@code [[}).
     */
    static boolean isBrowserModel(Path path) {
        String name = fileName(path);
        if (name.endsWith(".gen.json") || name.endsWith(".vae.json")) {
            return true;
        }
        if (!name.endsWith(".json") || !Files.isRegularFile(path)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(path)) {
            String head = new String(in.readNBytes(256), StandardCharsets.UTF_8).replaceAll("\\s", "");
            return head.startsWith("[{");
        } catch (IOException e) {
            return false;
        }
    }

    /** True for a run folder or a {@code .ckpt} file. */
    static boolean isCheckpoint(Path path) {
        return Files.isDirectory(path) || fileName(path).endsWith(".ckpt");
    }

    private static String fileName(Path path) {
        return path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
    }

    static void describeBrowserModel(Path path, PrintWriter out) {
        BrowserModel m = BrowserModelFile.read(path);
        BrowserInfo info = m.info();
        out.println(path.getFileName() + ": browser model (the format of sketch-rnn-js and @magenta/sketch)");
        row(out, "kind", m.conditional()
                ? "conditional (VAE: encoder and decoder), " + m.layout().arrayCount() + " arrays"
                : "decoder-only (unconditional), " + m.layout().arrayCount() + " arrays");
        row(out, "name", info.name());
        String version = info.version().isPresent() ? "version " + info.version().getAsInt() : "no version (read as current)";
        row(out, "format", version + ", mode " + info.modeText() + ", weights int16-quantised"
                + (m.tanhZ() ? "; before version 6: tanh(z) feeds the initial state" : ""));
        row(out, "hyperparameters", architecture(m.config()));
        long count = m.arrays().stream().mapToLong(NamedArray::length).sum();
        row(out, "parameters", String.format(Locale.ROOT, "%,d", count));
        row(out, "size on disk", bytes(path));
        row(out, "training step", "not recorded (browser files do not keep it)");
        row(out, "scale factor", String.format(Locale.ROOT, "%.4f", info.scaleFactor()));
        row(out, "data sets", info.trainingSize().isPresent()
                ? String.format(Locale.ROOT, "not named; %,d training sketches", info.trainingSize().getAsLong())
                : "not recorded");
        List<String> losses = new ArrayList<>();
        info.rLoss().ifPresent(v -> losses.add(String.format(Locale.ROOT, "r_loss %.4f", v)));
        info.klLoss().ifPresent(v -> losses.add(String.format(Locale.ROOT, "kl_loss %.4f", v)));
        row(out, "losses", losses.isEmpty() ? "not recorded" : String.join(", ", losses));
    }

    static void describeCheckpoint(Path path, PrintWriter out) {
        describeCheckpoint(path, null, out);
    }

    /** Describes a checkpoint; {@code shownAs}, when given, is printed instead of the file's path. */
    static void describeCheckpoint(Path path, String shownAs, PrintWriter out) {
        Path ckpt = RunFolder.checkpointOf(path);
        Checkpoint c = Checkpoint.read(ckpt);
        HParams hp = c.hparams();
        ModelConfig model = hp.model();
        out.println((shownAs != null ? shownAs : ckpt.toString()) + ": sketchrnn checkpoint" + (Files.isDirectory(path) ? " (of the run folder " + path + ")" : "")
                + (c.optimizer() == null ? ", weights only" : ", with optimizer state (resumable)"));
        row(out, "kind", model.conditional() ? "conditional (VAE: encoder and decoder)" : "decoder-only (unconditional)");
        row(out, "hyperparameters", architecture(model));
        row(out, "other settings", otherSettings(hp));
        row(out, "parameters", String.format(Locale.ROOT, "%,d", c.parameterCount()));
        row(out, "size on disk", bytes(ckpt));
        row(out, "training step", Long.toString(c.step()));
        row(out, "scale factor", String.format(Locale.ROOT, "%.4f", c.scaleFactor()));
        row(out, "data sets", c.data().isEmpty() ? "not recorded" : String.join(", ", c.data()));
        List<String> losses = new ArrayList<>();
        for (Map.Entry<String, Double> e : c.metrics().entrySet()) {
            losses.add(String.format(Locale.ROOT, "%s %.4f", e.getKey(), e.getValue()));
        }
        row(out, "losses", losses.isEmpty() ? "not recorded (no validation yet)" : String.join(", ", losses));
        if (Double.isFinite(c.bestValidCost())) {
            row(out, "best valid cost", String.format(Locale.ROOT, "%.4f", c.bestValidCost()));
        }
        String export;
        try {
            BrowserModel.forExport(model, c.weights(), ExportInfo.of("check", c.scaleFactor(), model.maxSeqLen()));
            export = "yes, sketchrnn export --out NAME" + (model.conditional() ? ".vae.json" : ".gen.json");
        } catch (BadInputException e) {
            String m = e.getMessage();
            export = "no: " + m.substring(m.indexOf("with ") + 5);
        }
        row(out, "browser export", export);
    }

    /** The hyperparameters that define the model's shape, {@code key=value}. */
    private static String architecture(ModelConfig model) {
        Map<String, String> all = HParams.defaults().withModel(model).asText();
        List<String> parts = new ArrayList<>();
        for (String k : ARCHITECTURE) {
            boolean encoderOnly = k.startsWith("enc_") || k.equals("z_size");
            if (!k.equals("conditional") && !(encoderOnly && !model.conditional())) {
                parts.add(k + "=" + all.get(k));
            }
        }
        return String.join(" ", parts);
    }

    /** The other hyperparameters that differ from the reference defaults. */
    private static String otherSettings(HParams hp) {
        Map<String, String> defaults = HParams.defaults().asText();
        List<String> parts = new ArrayList<>();
        hp.asText().forEach((k, v) -> {
            if (!ARCHITECTURE.contains(k) && !v.equals(defaults.get(k))) {
                parts.add(k + "=" + v);
            }
        });
        return parts.isEmpty() ? "the reference defaults" : String.join(" ", parts) + " (the rest: reference defaults)";
    }

    private static String bytes(Path p) {
        try {
            long n = Files.size(p);
            return String.format(Locale.ROOT, "%,d bytes (%.1f MiB)", n, n / 1048576.0);
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static void row(PrintWriter out, String key, String value) {
        out.printf(Locale.ROOT, "  %-16s %s%n", key + ":", value);
    }
}
