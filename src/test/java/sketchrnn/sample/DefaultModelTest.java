package sketchrnn.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import picocli.CommandLine;
import sketchrnn.Shared;
import sketchrnn.cli.Main;
import sketchrnn.data.SketchFiles;
import sketchrnn.data.TrainingData;
import sketchrnn.model.LossMetrics;
import sketchrnn.train.Evaluation;

/** The model shipped inside the application: it loads, it scores what it recorded, and it draws. */
class DefaultModelTest {

    @Test
    void packagedModelScoresItsRecordedTestLoss() {
        assumeFalse(PackagedModels.names().isEmpty(), "no packaged default model in this build");
        try (SketchModel model = PackagedModels.loadDefault()) {
            assertThat(model.conditional()).isTrue();
            Double recorded = model.checkpoint().metrics().get("test_recon_loss");
            assertThat(recorded).as("the packaged model records its test recon_loss").isNotNull();
            Path sheep = Shared.path("data/aaron_sheep.npz");
            TrainingData d = TrainingData.of(List.of(SketchFiles.loadSplits(sheep)), model.hparams().model().maxSeqLen(),
                    model.scaleFactor());
            Evaluation.Result r = Evaluation.evaluate(model.network(), d.test(), 100, model.hparams().model().maxSeqLen(), 1);
            assertThat(r.count()).isEqualTo(300);
            assertThat(r.get(LossMetrics.RECON)).isCloseTo(recorded, within(0.01));
        }
        long bytes = PackagedModels.withDefaultFile(f -> {
            try {
                return Files.size(f);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(bytes).as("the shipped model's size").isLessThanOrEqualTo(8_000_000L);
    }

    @Test
    void sampleWithoutAModelDrawsAValidSvg(@TempDir Path dir) throws Exception {
        assumeFalse(PackagedModels.names().isEmpty(), "no packaged default model in this build");
        Path out = dir.resolve("sheep.svg");
        CommandLine cl = Main.commandLine();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("sample", "--count", "4", "--seed", "3", "--out", out.toString());
        assertThat(code).as(err.toString()).isZero();
        Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.toFile());
        assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg.getElementsByTagName("path").getLength()).isGreaterThanOrEqualTo(4);
        assertThat(Files.size(out)).isGreaterThan(500);
    }
}
