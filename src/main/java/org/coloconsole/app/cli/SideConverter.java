package org.coloconsole.app.cli;

import java.util.Locale;
import org.coloconsole.colo.Side;
import picocli.CommandLine;

/** {@code primary} or {@code secondary}. */
final class SideConverter implements CommandLine.ITypeConverter<Side> {
    @Override
    public Side convert(String value) {
        switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "primary":
                return Side.PRIMARY;
            case "secondary":
                return Side.SECONDARY;
            default:
                throw new CommandLine.TypeConversionException("'" + value + "' is not a side: write primary or secondary");
        }
    }
}
