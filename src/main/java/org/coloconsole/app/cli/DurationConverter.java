package org.coloconsole.app.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** Durations as operators write them: {@code 250ms}, {@code 3s}, {@code 2m}, or ISO-8601 ({@code PT3S}). */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        String v = value.strip().toLowerCase();
        try {
            Duration parsed;
            if (v.startsWith("pt")) {
                parsed = Duration.parse(v.toUpperCase());
            } else if (v.endsWith("ms")) {
                parsed = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            } else if (v.endsWith("s")) {
                parsed = Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            } else if (v.endsWith("m")) {
                parsed = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)) * 60);
            } else {
                parsed = Duration.ofMillis(Long.parseLong(v));
            }
            if (parsed.isNegative() || parsed.isZero()) {
                throw new CommandLine.TypeConversionException("'" + value + "' must be a positive duration");
            }
            return parsed;
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a duration: write e.g. 250ms, 3s or 2m");
        }
    }
}
