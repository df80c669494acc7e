package org.coloconsole.colo;

import java.util.Locale;
import java.util.Objects;

/**
 * A QEMU enum value: the constant we know, or {@code UNKNOWN} with the raw string kept, because QEMU adds values over
 * time and an operator must see what QEMU actually said.
 */
public record Tag<E extends Enum<E>>(E value, String raw) {

    public Tag {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(raw, "raw");
    }

    /** Reads {@code raw} as a constant of {@code type} (which must have an {@code UNKNOWN} constant). */
    public static <E extends Enum<E>> Tag<E> of(Class<E> type, String raw) {
        String name = raw.toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name) && !"UNKNOWN".equals(name)) {
                return new Tag<>(constant, raw);
            }
        }
        return new Tag<>(Enum.valueOf(type, "UNKNOWN"), raw);
    }

    public boolean is(E constant) {
        return value == constant;
    }

    @Override
    public String toString() {
        return raw;
    }
}
