package sketchrnn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import sketchrnn.model.HParams;

/** The learning-rate and KL-weight schedules (docs/model.md §9.1-9.2) at a few steps, worked out by hand. */
class SchedulesTest {
    private static final HParams HP = HParams.defaults();

    @Test
    void learningRateDecaysFromItsStartToItsFloor() {
        assertThat(Schedules.learningRate(HP.training(), 0)).isEqualTo(0.001, within(1e-15));
        // (0.001 - 0.00001) * 0.9999^10000 + 0.00001 = 0.00099 * 0.367861 + 0.00001
        assertThat(Schedules.learningRate(HP.training(), 10_000)).isCloseTo(0.000374182, within(1e-9));
        assertThat(Schedules.learningRate(HP.training(), 1_000_000)).isCloseTo(0.00001, within(1e-12));
        HParams fast = HP.with("learning_rate", "0.01").with("decay_rate", "0.5").with("min_learning_rate", "0.001");
        assertThat(Schedules.learningRate(fast.training(), 2)).isCloseTo(0.009 * 0.25 + 0.001, within(1e-15));
    }

    @Test
    void klWeightRisesFromItsStartValueInTheReferenceCodesForm() {
        // w(step) = 0.5 - (0.5 - 0.01) * 0.99995^step: exactly kl_weight_start at step 0 (the paper's form,
        // w_KL * (1 - (1 - 0.01) * R^step), would start at 0.005)
        assertThat(Schedules.klWeight(HP.training(), 0)).isEqualTo(0.01, within(1e-15));
        assertThat(Schedules.klWeight(HP.training(), 1)).isCloseTo(0.0100245, within(1e-10));
        assertThat(Schedules.klWeight(HP.training(), 20_000)).isCloseTo(0.3197436, within(1e-7));
        assertThat(Schedules.klWeight(HP.training(), 2_000_000)).isCloseTo(0.5, within(1e-12));
        HParams flat = HP.with("kl_weight_start", "0.5");
        assertThat(Schedules.klWeight(flat.training(), 123)).isEqualTo(0.5, within(1e-15));
    }
}
