package sketchrnn.kernels;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;

/**
 * Matrix products in bf16 with fp32 accumulation (VDPBF16PS), in native code ({@code src/main/c/sketchrnn_bf16.c}).
 *
 * <p>Both operands are rounded to bf16 (8 bits of mantissa) as they are packed, on every call; the sums are
 * fp32. The library is built at compile time by gcc on Linux x86-64 and sits in the jar under
 * {@code native/linux-x86_64/}. It is loaded once, and used only when the CPU and the OS have AVX512_BF16 (the
 * library's own CPUID check, run before any AVX-512 instruction). Everywhere else {@link #AVAILABLE} is false
 * and nothing native runs.
 */
final class NativeBf16 {
    private static final String RESOURCE = "/native/linux-x86_64/libsketchrnn_bf16.so";

    /** True when the library loaded and the CPU can run it. */
    static final boolean AVAILABLE = load();

    /** Why it is not available (for logs), or null. */
    static String unavailableReason;

    private NativeBf16() {}

    private static boolean load() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            unavailableReason = "not Linux x86-64";
            return false;
        }
        URL url = NativeBf16.class.getResource(RESOURCE);
        if (url == null) {
            unavailableReason = "library not built";
            return false;
        }
        try {
            Path lib;
            if ("file".equals(url.getProtocol())) {
                lib = Paths.get(url.toURI());
            } else {
                lib = Files.createTempFile("sketchrnn_bf16", ".so");
                lib.toFile().deleteOnExit();
                try (InputStream in = url.openStream()) {
                    Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            System.load(lib.toAbsolutePath().toString());
            if (!supported()) {
                unavailableReason = "the CPU has no AVX512_BF16";
                return false;
            }
            return true;
        } catch (IOException | java.net.URISyntaxException | LinkageError | SecurityException e) {
            unavailableReason = "library not loaded (" + e.getMessage() + ")";
            return false;
        }
    }

    /** Whether the CPU and the OS can run the kernels (CPUID and XGETBV, in the library). */
    private static native boolean supported();

    /**
     * C (+)= op(A)·op(B) in bf16 with fp32 sums. mode 0: A m×k, B k×n; 1: A m×k, B stored n×k; 2: A stored k×m,
     * B k×n. Offsets and leading dimensions as in {@link Gemm}.
     */
    static native void gemm(int mode, int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, boolean accumulate);

    /** B (k×n, row-major) packed whole into bf16 pairs in native memory, for {@link #gemmPacked}; free with {@link #free}. */
    static native long pack(int k, int n, float[] b, int bOff, int ldb);

    /** Frees what {@link #pack} returned. */
    static native void free(long packed);

    /** C (+)= A·B with B packed by {@link #pack} (same k and n). */
    static native void gemmPacked(int m, int n, int k, float[] a, int aOff, int lda, long packed, float[] c, int cOff, int ldc,
            boolean accumulate);
}
