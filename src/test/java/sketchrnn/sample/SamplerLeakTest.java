package sketchrnn.sample;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import sketchrnn.model.CellKind;
import sketchrnn.model.DecoderState;

/** Sampling on any thread records no gradients; thousands of sampling steps keep a bounded number of native arrays alive and leave nothing behind. */
class SamplerLeakTest {

    @Test
    void drawingOnAnotherThreadRecordsNoGradientsAndLeavesTheThreadAsItWas() throws Exception {
        try (SketchModel m = SamplerModels.inMemory(SamplerModels.tiny(true, CellKind.LSTM), 42, 1)) {
            SamplerModels.neverEnd(m);
            List<Boolean> modes = Collections.synchronizedList(new ArrayList<>());
            boolean[] after = new boolean[2];
            Thread worker = new Thread(() -> {
                after[0] = JniUtils.isGradMode(); // a new thread starts with recording on
                Decoding.decode(m.network(), List.of(new float[4]), 1, SamplingOptions.defaults().withMaxLength(5), 0,
                        (row, point, y, at) -> modes.add(JniUtils.isGradMode()));
                after[1] = JniUtils.isGradMode();
            });
            worker.start();
            worker.join();
            assertThat(modes).hasSize(5).containsOnly(false);
            assertThat(after).containsExactly(true, true);
        }
    }

    @Test
    void liveArraysStayBoundedOverThousandsOfStepsAndNothingIsLeft() {
        try (SketchModel m = SamplerModels.inMemory(SamplerModels.tiny(true, CellKind.LSTM), 41, 1)) {
            SamplerModels.neverEnd(m);
            NDManager own = m.network().parameters().values().iterator().next().getManager();
            int before = own.getManagedArrays().size();
            SamplingOptions o = SamplingOptions.defaults().withSeed(1).withMaxLength(2000);
            List<Integer> live = new ArrayList<>();
            try (NDManager session = NDManager.newBaseManager()) {
                NDManager owner = session.newSubManager();
                var z = owner.randomNormal(new ai.djl.ndarray.types.Shape(3, 4));
                DecoderState state = m.network().initialState(z, 3, owner);
                List<SplittableRandom> streams = List.of(new SplittableRandom(1), new SplittableRandom(2),
                        new SplittableRandom(3));
                int[] budgets = {2000, 700, 2000}; // one leaves early: the batch is compacted
                BatchSampler sampler = new BatchSampler(m.network(), o).observe((row, point, y, at) -> {
                    if (row == 0) {
                        live.add(session.getManagedArrays().size());
                    }
                });
                List<float[]> out = sampler.run(session, owner, new BatchSampler.Start(state, z, null, budgets, streams));
                assertThat(out.get(0)).hasSize(3 * 2000);
                assertThat(out.get(1)).hasSize(3 * 700);
                assertThat(sampler.decodeSteps()).isEqualTo(2000);
                assertThat(session.getManagedArrays()).isEmpty();
            }
            assertThat(live).hasSize(2000);
            assertThat(Collections.max(live)).as("arrays alive at any step").isLessThanOrEqualTo(live.get(10) + 2);
            m.sample(3, o.withMaxLength(300));
            m.complete(SamplerModels.house(), 3, o.withMaxLength(300));
            assertThat(own.getManagedArrays().size()).isEqualTo(before);
        }
    }
}
