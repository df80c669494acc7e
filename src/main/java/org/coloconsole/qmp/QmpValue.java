package org.coloconsole.qmp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * An immutable QMP value (object, array, string, number, boolean, null, or missing), so that layers above the wire
 * read QMP data without knowing JSON. Lookups never throw: a missing member is {@link #isMissing() missing}.
 */
public final class QmpValue {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final QmpValue MISSING = new QmpValue(MissingNode.getInstance());

    private final JsonNode node;

    private QmpValue(JsonNode node) {
        this.node = node;
    }

    static QmpValue wrap(JsonNode node) {
        return node == null || node.isMissingNode() ? MISSING : new QmpValue(node);
    }

    /** The missing value: what a lookup of an absent member returns. */
    public static QmpValue missing() {
        return MISSING;
    }

    /** A value from plain Java: {@code Map}, {@code List}, {@code String}, {@code Number}, {@code Boolean} or null. */
    public static QmpValue of(Object plain) {
        return wrap(MAPPER.valueToTree(plain));
    }

    /** Parses JSON text; a clear {@link IllegalArgumentException} when it is not JSON. */
    public static QmpValue parse(String json) {
        try {
            JsonNode parsed = MAPPER.readTree(json);
            if (parsed == null) {
                throw new IllegalArgumentException("empty input is not a JSON value");
            }
            return wrap(parsed);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    public boolean isMissing() { return node.isMissingNode(); }
    public boolean isNull() { return node.isNull(); }
    public boolean isObject() { return node.isObject(); }
    public boolean isArray() { return node.isArray(); }
    public boolean isString() { return node.isTextual(); }
    public boolean isNumber() { return node.isNumber(); }
    public boolean isBoolean() { return node.isBoolean(); }

    /** The member {@code key} of an object; missing when absent or when this is not an object. */
    public QmpValue get(String key) {
        return wrap(node.get(key));
    }

    /** The element at {@code index} of an array; missing when out of range. */
    public QmpValue get(int index) {
        return wrap(node.get(index));
    }

    /** The member as a string, when it is one. */
    public Optional<String> string(String key) {
        JsonNode member = node.get(key);
        return member != null && member.isTextual() ? Optional.of(member.textValue()) : Optional.empty();
    }

    /** The member as an integral number, when it is one. */
    public OptionalLong integer(String key) {
        JsonNode member = node.get(key);
        return member != null && member.isIntegralNumber() ? OptionalLong.of(member.longValue()) : OptionalLong.empty();
    }

    /** The member as a boolean, when it is one. */
    public Optional<Boolean> bool(String key) {
        JsonNode member = node.get(key);
        return member != null && member.isBoolean() ? Optional.of(member.booleanValue()) : Optional.empty();
    }

    /** This value's text if it is a string, else its JSON. */
    public String asText() {
        return node.isTextual() ? node.textValue() : toJson();
    }

    /** This value as a long when it is an integer JSON number that fits: not 1.5, 1.0, "1" or 2^64. */
    public OptionalLong exactLong() {
        return node.isIntegralNumber() && node.canConvertToLong()
                ? OptionalLong.of(node.longValue()) : OptionalLong.empty();
    }

    public long asLong(long fallback) {
        return node.isNumber() ? node.longValue() : fallback;
    }

    public boolean asBoolean(boolean fallback) {
        return node.isBoolean() ? node.booleanValue() : fallback;
    }

    /** The elements of an array; empty for anything else. */
    public List<QmpValue> elements() {
        if (!node.isArray()) {
            return List.of();
        }
        List<QmpValue> out = new ArrayList<>(node.size());
        node.forEach(element -> out.add(wrap(element)));
        return Collections.unmodifiableList(out);
    }

    /** The member names of an object in wire order; empty for anything else. */
    public Set<String> keys() {
        if (!node.isObject()) {
            return Set.of();
        }
        Set<String> names = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return Collections.unmodifiableSet(names);
    }

    public int size() {
        return node.size();
    }

    /** Compact JSON ({@code ""} for missing). */
    public String toJson() {
        return node.isMissingNode() ? "" : node.toString();
    }

    /** Indented JSON for people. */
    public String toPrettyJson() {
        return node.isMissingNode() ? "" : node.toPrettyString();
    }

    /** Plain Java: {@code Map}, {@code List}, {@code String}, {@code Long}/{@code Double}, {@code Boolean} or null. */
    public Object toPlain() {
        return node.isMissingNode() ? null : MAPPER.convertValue(node, Object.class);
    }

    JsonNode node() {
        return node;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QmpValue that && node.equals(that.node);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(node);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
