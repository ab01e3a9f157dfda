package io.hookdesk.model;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

/**
 * {@link ValueParser} round trips: a value written as HookDesk writes it ({@link EnvValues#format}, what the form shows
 * and the hook gets) parses back to the same value, and any text at all either parses or is refused with a message
 * naming the field; nothing else escapes.
 */
class ValueParserPropertiesTest {

    /** A nullable column of {@code kind}; a text column NOT NULL, where an empty text is the empty string, not NULL. */
    private static ColumnMeta column(ColumnKind kind) {
        return new ColumnMeta("f_" + kind.name().toLowerCase(), kind, kind.name().toLowerCase(), 0, 0, 0,
                kind != ColumnKind.TEXT, false, false, null);
    }

    private static <T> void roundTrips(ColumnKind kind, Gen<T> values) {
        roundTrips(kind, values, Function.identity());
    }

    /** parse(format(v)) is v (compared through {@code same}), and formatting it again gives the same text. */
    private static <T> void roundTrips(ColumnKind kind, Gen<T> values, Function<Object, Object> same) {
        ColumnMeta c = column(kind);
        qt().withExamples(500).forAll(values).checkAssert(v -> {
            String text = EnvValues.format(v);
            Object parsed = ValueParser.parse(c, text);
            assertThat(same.apply(parsed)).as("%s parsed from %s", kind, text).isEqualTo(same.apply(v));
            assertThat(EnvValues.format(parsed)).isEqualTo(text);
            if (kind != ColumnKind.TEXT) {
                assertThat(same.apply(ValueParser.parse(c, " " + text + "\t"))).as("padded %s", text).isEqualTo(same.apply(v));
            }
        });
    }

    @Test
    void wholeNumbersRoundTrip() {
        roundTrips(ColumnKind.SMALLINT, integers().between(Short.MIN_VALUE, Short.MAX_VALUE).map(Integer::shortValue));
        roundTrips(ColumnKind.INTEGER, integers().all());
        roundTrips(ColumnKind.BIGINT, longs().all());
    }

    @Test
    void decimalsRoundTripToTheSameNumber() {
        Gen<BigDecimal> decimals = longs().all().zip(integers().between(-4, 12), BigDecimal::valueOf);
        roundTrips(ColumnKind.DECIMAL, decimals, v -> ((BigDecimal) v).stripTrailingZeros());
    }

    @Test
    void floatingPointNumbersRoundTripToTheSameBits() {
        // -0 is written as 0 (PostgreSQL's text for it is "-0"; a hook is told 0): every other finite value comes back.
        roundTrips(ColumnKind.DOUBLE, longs().all().map(Double::longBitsToDouble)
                .assuming(d -> Double.isFinite(d) && !d.equals(-0.0)));
        roundTrips(ColumnKind.REAL, integers().all().map(Float::intBitsToFloat)
                .assuming(f -> Float.isFinite(f) && !f.equals(-0.0f)));
    }

    @Test
    void booleansDatesAndTimesRoundTrip() {
        roundTrips(ColumnKind.BOOLEAN, booleans().all());
        Gen<LocalDate> dates = longs().between(LocalDate.of(1, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay())
                .map(LocalDate::ofEpochDay);
        Gen<LocalTime> times = integers().between(0, 86_399).map(s -> LocalTime.ofSecondOfDay(s));
        // Dates and times are carried as the database's own text (the server parses and prints them, whatever this
        // workstation's zone): what was typed is what is written, compared as the text a hook would get.
        Function<Object, Object> asText = EnvValues::format;
        roundTrips(ColumnKind.DATE, dates, asText);
        roundTrips(ColumnKind.TIME, times, asText);
        roundTrips(ColumnKind.TIMESTAMP, dates.zip(times, LocalDateTime::of), asText);
        roundTrips(ColumnKind.TIMESTAMPTZ, dates.zip(times, LocalDateTime::of), asText);
    }

    @Test
    void textIsKeptExactlyAndItsLimitCountsCharactersNotUtf16Units() {
        roundTrips(ColumnKind.TEXT, strings().allPossible().ofLengthBetween(0, 30).assuming(s -> s.indexOf('\0') < 0));
        ColumnMeta limited = new ColumnMeta("d01", ColumnKind.TEXT, "character varying(5)", 5, 0, 0, false, false, false, null);
        qt().withExamples(300).forAll(strings().allPossible().ofLengthBetween(0, 10).assuming(s -> s.indexOf('\0') < 0))
                .checkAssert(s -> {
                    if (s.codePointCount(0, s.length()) <= 5) {
                        assertThat(ValueParser.parse(limited, s)).isEqualTo(s);
                    } else {
                        assertThatThrownBy(() -> ValueParser.parse(limited, s)).isInstanceOf(InvalidValueException.class)
                                .hasMessageStartingWith("d01: at most 5 characters");
                    }
                });
    }

    @Test
    void anyTextEitherParsesOrIsRefusedNamingTheField() {
        Gen<String> typed = strings().allPossible().ofLengthBetween(0, 12)
                .mix(strings().betweenCodePoints(' ', '~').ofLengthBetween(0, 12), 50)
                .mix(strings().betweenCodePoints('-', '9').ofLengthBetween(0, 30), 30);
        qt().withExamples(300).forAll(typed).checkAssert(text -> {
            for (ColumnKind kind : ColumnKind.values()) {
                ColumnMeta c = new ColumnMeta("f", kind, kind.name().toLowerCase(), 0, 6, 2, false, false, false, null);
                Throwable thrown = catchThrowable(() -> ValueParser.parse(c, text));
                if (thrown != null) {
                    assertThat(thrown).as("%s from %s", kind, text).isInstanceOf(InvalidValueException.class)
                            .hasMessageStartingWith("f: ");
                    assertThat(((InvalidValueException) thrown).column()).isEqualTo("f");
                }
            }
        });
    }
}
