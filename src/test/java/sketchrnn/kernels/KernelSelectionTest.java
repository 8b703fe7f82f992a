package sketchrnn.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KernelSelectionTest {
    @Test
    void scalarOnRequestVectorOtherwiseWhenTheModuleIsThere() {
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).as("Surefire adds the module").isPresent();
        assertThat(KernelSelection.select("scalar")).isInstanceOf(ScalarKernels.class);
        assertThat(KernelSelection.select(" Scalar ").name()).isEqualTo("scalar");
        assertThat(KernelSelection.select("vector").name()).startsWith("vector (");
        assertThat(KernelSelection.INSTANCE.name()).isEqualTo(Gemm.implementation());
    }
}
