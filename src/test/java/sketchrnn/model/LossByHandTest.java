package sketchrnn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sketchrnn.data.Batch;

/**
 * The model's loss (docs/model.md §8) against the same quantities computed by hand: {@link ReferenceModel} re-derives
 * encoder, decoder, cells, mixture density and loss in plain Java double arithmetic from fixed parameter
 * values, for a tiny batch whose sketches have different lengths (so masking matters).
 */
class LossByHandTest {

    static HParams tiny(CellKind enc, CellKind dec, boolean conditional) {
        return HParams.tiny().withCells(enc, dec).withConditional(conditional).withSizes(3, 4, 2)
                .with("num_mixture", "2").with("hyper_num_units", "3").with("hyper_embedding_size", "2")
                .withRecurrentDropout(false);
    }

    @ParameterizedTest(name = "enc {0}, dec {1}, conditional {2}")
    @CsvSource({"LSTM,LSTM,true", "LAYER_NORM,LAYER_NORM,true", "HYPER,HYPER,true", "LSTM,HYPER,true",
        "LSTM,LSTM,false", "LAYER_NORM,LAYER_NORM,false", "HYPER,HYPER,false"})
    void lossTermsMatchHandComputation(CellKind enc, CellKind dec, boolean conditional) {
        HParams hp = tiny(enc, dec, conditional);
        try (SketchRnn model = SketchRnn.create(hp, 7); NDManager scope = NDManager.newBaseManager()) {
            Fixtures.perturb(model, new Random(11), 0.5);
            Batch batch = Fixtures.batch(new Random(3), 5, 5, 3, 1);
            Random noise = new Random(5);
            double[][] eps = new double[batch.size()][hp.model().zSize()];
            float[] epsFlat = new float[batch.size() * hp.model().zSize()];
            for (int b = 0; b < batch.size(); b++) {
                for (int k = 0; k < hp.model().zSize(); k++) {
                    eps[b][k] = (float) noise.nextGaussian();
                    epsFlat[b * hp.model().zSize() + k] = (float) eps[b][k];
                }
            }
            NDArray epsArray = scope.create(epsFlat, new ai.djl.ndarray.types.Shape(batch.size(), hp.model().zSize()));
            ReferenceModel reference = new ReferenceModel(model);
            for (boolean training : new boolean[] {true, false}) {
                LossTerms got = model.loss(batch, training, 0.7f, scope, conditional ? epsArray : null, 0);
                ReferenceModel.Terms want = reference.loss(batch, eps, training, 0.7);
                String mode = training ? "training" : "evaluation";
                assertThat((double) got.offset()).as(mode + " L_s").isCloseTo(want.offset(), within(1e-4));
                assertThat((double) got.pen()).as(mode + " L_p").isCloseTo(want.pen(), within(1e-4));
                assertThat((double) got.recon()).as(mode + " L_R").isCloseTo(want.recon(), within(1e-4));
                assertThat((double) got.kl()).as(mode + " L_KL").isCloseTo(want.kl(), within(1e-4));
                assertThat(Ops.scalar(got.cost())).as(mode + " cost").isCloseTo(want.cost(), within(1e-4));
            }
            // a batch padded only to its own longest sketch scores as padded to N_max in evaluation (every
            // padded step is masked): L_R is over N_max, not over the batch's own length
            Batch padded = Fixtures.repad(batch, hp.model().maxSeqLen(), null); // end-of-sketch rows
            LossTerms own = model.loss(batch, false, 0.7f, scope, conditional ? epsArray : null, 0);
            LossTerms full = model.loss(padded, false, 0.7f, scope, conditional ? epsArray : null, 0);
            assertThat(batch.maxLen()).isLessThan(padded.maxLen());
            assertThat((double) own.recon()).as("L_R of the batch as padded to N_max").isCloseTo(full.recon(), within(1e-5));
            // the batch is built so that evaluation's masking of the pen loss is visible
            assertThat(reference.loss(batch, eps, false, 0.7).pen()).isLessThan(reference.loss(batch, eps, true, 0.7).pen() - 1e-3);
        }
    }

    @ParameterizedTest(name = "kl weight {0}")
    @CsvSource({"0.25", "1.0"})
    void klIsFlooredAtToleranceOnlyInTheCost(float klWeight) {
        HParams hp = tiny(CellKind.LSTM, CellKind.LSTM, true).with("kl_tolerance", "1000");
        try (SketchRnn model = SketchRnn.create(hp, 7); NDManager scope = NDManager.newBaseManager()) {
            Batch batch = Fixtures.batch(new Random(3), 4, 4, 2);
            LossTerms got = model.loss(batch, true, klWeight, scope, 0);
            assertThat(got.kl()).isLessThan(1000f);
            assertThat(Ops.scalar(got.cost())).isCloseTo(got.recon() + klWeight * 1000.0, within(1e-3));
        }
    }
}
