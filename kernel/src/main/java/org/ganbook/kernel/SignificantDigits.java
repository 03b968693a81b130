package org.ganbook.kernel;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/**
 * How a table shows a measured double: to a few significant digits, as a person writes it. A loss
 * of 0.68312634 shows as 0.6831, a Parzen estimate of 144.0507 as 144.1, a count held in a double
 * (9037.0) as 9037, and a p-value of 1e-100 as 1e-100 instead of a hundred zeros. The value in the
 * table is untouched: only its text is rounded.
 */
final class SignificantDigits extends NumberFormat {
    private static final long serialVersionUID = 1L;

    /** Plain notation between these magnitudes; scientific outside. */
    private static final double SMALLEST_PLAIN = 1e-4, LARGEST_PLAIN = 1e6;

    private final int digits;

    SignificantDigits(int digits) {
        if (digits < 1) {
            throw new IllegalArgumentException("significant digits must be at least 1, got " + digits);
        }
        this.digits = digits;
    }

    /** The text of one value. */
    String text(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.toString(x);
        }
        if (x == 0) {
            return "0";
        }
        double magnitude = Math.abs(x);
        if (x == Math.rint(x) && magnitude < LARGEST_PLAIN) {
            return Long.toString((long) x);
        }
        BigDecimal rounded = new BigDecimal(x).round(new MathContext(digits)).stripTrailingZeros();
        if (magnitude >= SMALLEST_PLAIN && magnitude < LARGEST_PLAIN) {
            return rounded.toPlainString();
        }
        int exponent = rounded.precision() - rounded.scale() - 1;
        String mantissa = rounded.movePointLeft(exponent).toPlainString();
        return mantissa + "e" + exponent;
    }

    @Override
    public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
        return toAppendTo.append(text(number));
    }

    @Override
    public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
        return toAppendTo.append(number);
    }

    @Override
    public Number parse(String source, ParsePosition parsePosition) {
        throw new UnsupportedOperationException("SignificantDigits only formats (" + Locale.ROOT + ")");
    }
}
