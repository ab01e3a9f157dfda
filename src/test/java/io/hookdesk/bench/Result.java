package io.hookdesk.bench;

import java.util.Locale;

/**
 * One line of the bench table. A ratio target passes when {@code measured / floor <= limit} (or {@code >=} for a
 * throughput); an absolute target passes when {@code measured <= limit}. Floors are measured in the same run.
 *
 * @param floor    the same run's floor in {@code unit}, or NaN when the target is absolute
 * @param pending  why nothing was measured (the subject is not built yet), or null
 */
record Result(String name, String target, String unit, double floor, double measured, Kind kind, double limit,
              String pending) {

    enum Kind { RATIO_AT_MOST, RATIO_AT_LEAST, AT_MOST }

    static Result pending(String name, String target, String why) {
        return new Result(name, target, "", Double.NaN, Double.NaN, Kind.AT_MOST, Double.NaN, why);
    }

    double ratio() {
        return Double.isNaN(floor) || floor == 0 ? Double.NaN : measured / floor;
    }

    boolean passed() {
        if (pending != null) {
            return false;
        }
        return switch (kind) {
            case RATIO_AT_MOST -> ratio() <= limit;
            case RATIO_AT_LEAST -> ratio() >= limit;
            case AT_MOST -> measured <= limit;
        };
    }

    String verdict() {
        return pending != null ? "pending" : passed() ? "PASS" : "FAIL";
    }

    String floorText() {
        return Double.isNaN(floor) ? "-" : number(floor) + " " + unit;
    }

    String measuredText() {
        return pending != null ? "-" : number(measured) + " " + unit;
    }

    String ratioText() {
        return Double.isNaN(ratio()) ? "-" : String.format(Locale.ROOT, "%.2f", ratio());
    }

    private static String number(double v) {
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (Math.abs(v) >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
