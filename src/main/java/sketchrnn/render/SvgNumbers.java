package sketchrnn.render;

/** Numbers for SVG text: at most two decimals, no trailing zeros, no "-0", the same on every locale. */
final class SvgNumbers {
    private SvgNumbers() {
    }

    static String format(double v) {
        long hundredths = Math.round(v * 100);
        if (hundredths == 0) {
            return "0";
        }
        StringBuilder sb = new StringBuilder();
        if (hundredths < 0) {
            sb.append('-');
            hundredths = -hundredths;
        }
        sb.append(hundredths / 100);
        long frac = hundredths % 100;
        if (frac != 0) {
            sb.append('.').append(frac / 10);
            if (frac % 10 != 0) {
                sb.append(frac % 10);
            }
        }
        return sb.toString();
    }
}
