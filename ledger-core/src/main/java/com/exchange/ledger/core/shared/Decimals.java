package com.exchange.ledger.core.shared;

import java.math.BigDecimal;

/**
 * Bounds on a decimal that came from outside, checked before anything expands it. A {@link BigDecimal} is an integer
 * and an exponent: the seven characters {@code 1e-9999} are cheap to read, but written out in full, or rounded to a
 * currency's precision, {@code 1e-999999999} is a billion digits. Its exponent and its digit count cost nothing to
 * look at, so they are looked at first, and a refusal shows such a number in a bounded form.
 */
public final class Decimals {

    /** Digits no amount, fee or rate needs: Decimal128 keeps 34. */
    public static final int MAX_PRECISION = 100;
    /**
     * The widest exponent a number may have, either way: every double's shortest form fits (5e-324 to 1.8e308), so a
     * gateway's JavaScript number always does; its plain form is a few hundred characters at most.
     */
    public static final int MAX_SCALE = 400;
    /** How much of a number a refusal's message shows. */
    public static final int MAX_SHOWN = 40;

    private Decimals() {
    }

    /** Whether the number may be expanded: written out or rescaled, it stays a few hundred digits. */
    public static boolean bounded(BigDecimal value) {
        return value.precision() <= MAX_PRECISION && Math.abs((long) value.scale()) <= MAX_SCALE;
    }

    /**
     * The number as a message may show it, never longer than {@link #MAX_SHOWN} characters: its plain form when that is
     * short, else its scientific form ({@code 1E-999999999}) with the middle digits elided.
     */
    public static String shown(BigDecimal value) {
        boolean small = value.precision() <= MAX_SHOWN && Math.abs((long) value.scale()) <= MAX_SHOWN;
        String text = small ? value.toPlainString() : value.toString();
        if (text.length() <= MAX_SHOWN) {
            return text;
        }
        int exponent = text.indexOf('E');
        String tail = exponent < 0 ? "" : text.substring(exponent);
        return text.substring(0, MAX_SHOWN - 1 - tail.length()) + "…" + tail;
    }
}
