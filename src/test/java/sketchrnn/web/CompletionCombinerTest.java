package sketchrnn.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import sketchrnn.data.Sketch;
import sketchrnn.model.CellKind;
import sketchrnn.sample.SamplerModels;
import sketchrnn.sample.SamplingOptions;
import sketchrnn.sample.SketchModel;

/** Concurrent completions are computed together and each gets the answer it would get alone. */
class CompletionCombinerTest {
    private final List<Runnable> started = new ArrayList<>();

    @Test
    void waitingRequestsAreComputedByOneRunnerAndEachGetsItsOwnEndings() {
        try (SketchModel m = SamplerModels.inMemory(SamplerModels.tiny(true, CellKind.LAYER_NORM), 51, 4)) {
            CompletionCombiner combiner = new CompletionCombiner(started::add, 1, 10, 256);
            SamplingOptions o = SamplingOptions.defaults().withTemperature(0.5).withMaxLength(30);
            Sketch house = SamplerModels.house();
            Sketch part = house.prefix(4);
            List<CompletableFuture<List<Sketch>>> futures = List.of(
                    combiner.submit(m, house, 3, o.withSeed(1), e -> e),
                    combiner.submit(m, part, 2, o.withSeed(2), e -> e),
                    combiner.submit(m, house, 2, o.withSeed(3).withTemperature(0.9), e -> e), // not combinable
                    combiner.submit(m, part, 1, o.withSeed(4), e -> e));
            CompletableFuture<List<Sketch>> cancelled = combiner.submit(m, house, 1, o.withSeed(5), e -> e);
            cancelled.cancel(false);
            assertThat(started).as("one runner for all waiting requests").hasSize(1);
            assertThat(futures).noneMatch(CompletableFuture::isDone);
            started.get(0).run();
            assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
            Sketch[] prefixes = {house, part, house, part};
            SamplingOptions[] options = {o.withSeed(1), o.withSeed(2), o.withSeed(3).withTemperature(0.9), o.withSeed(4)};
            int[] counts = {3, 2, 2, 1};
            for (int i = 0; i < 4; i++) {
                List<Sketch> alone = m.complete(prefixes[i], counts[i], options[i]);
                List<Sketch> got = futures.get(i).join();
                assertThat(got).hasSize(counts[i]);
                for (int k = 0; k < counts[i]; k++) {
                    assertThat(got.get(k).size()).as("request %d ending %d", i, k).isEqualTo(alone.get(k).size());
                }
            }
        }
    }

    @Test
    void aFullQueueRefusesAndAFailingRequestDoesNotHarmTheOthers() {
        try (SketchModel m = SamplerModels.inMemory(SamplerModels.tiny(true, CellKind.LSTM), 52, 4)) {
            CompletionCombiner combiner = new CompletionCombiner(started::add, 1, 2, 256);
            SamplingOptions o = SamplingOptions.defaults().withSeed(1).withMaxLength(20);
            CompletableFuture<List<Sketch>> good = combiner.submit(m, SamplerModels.house(), 2, o, e -> e);
            CompletableFuture<List<Sketch>> bad = combiner.submit(m, SamplerModels.house(), 2, o, e -> {
                throw new IllegalStateException("answer failed");
            });
            assertThatThrownBy(() -> combiner.submit(m, SamplerModels.house(), 1, o, e -> e))
                    .isInstanceOf(RejectedExecutionException.class);
            started.get(0).run();
            assertThat(good.join()).hasSize(2);
            assertThat(bad).isCompletedExceptionally();
        }
    }
}
