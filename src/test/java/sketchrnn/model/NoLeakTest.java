package sketchrnn.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sketchrnn.data.Batch;

/**
 * Training steps and sampling steps leave nothing behind in the model's own manager: everything they
 * compute lives in the caller's scope (DJL attaches results to the first operand's manager, a classic leak).
 */
class NoLeakTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(CellKind.class)
    void passesLeaveOnlyTheParametersInTheModelsManager(CellKind cell) {
        try (SketchRnn model = SketchRnn.create(HParams.tiny().withCells(cell, cell), 1)) {
            NDManager own = model.parameters().values().iterator().next().getManager();
            int before = own.getManagedArrays().size();
            assertThat(before).isEqualTo(model.parameters().size());
            Batch batch = Fixtures.batch(new Random(1), 5, 5, 3);
            for (int step = 0; step < 3; step++) {
                try (NDManager scope = NDManager.newBaseManager()) {
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        collector.backward(model.loss(batch, true, 0.5f, scope, step).cost());
                    }
                    model.loss(batch, false, 0.5f, scope, step);
                    var z = model.encode(batch, scope).sample(Noise.seeded(step), scope);
                    DecoderState state = model.initialState(z, 2, scope);
                    for (int t = 0; t < 3; t++) {
                        state = model.decodeStep(scope.zeros(new Shape(2, 5)), z, state, scope).state();
                    }
                    model.decode(batch, z, scope);
                }
            }
            assertThat(own.getManagedArrays().size()).isEqualTo(before);
        }
    }
}
