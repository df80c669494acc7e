package org.coloconsole.colo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.coloconsole.qmp.QemuVersion;
import org.coloconsole.qmp.QmpGreeting;
import org.coloconsole.qmp.QmpSchema;
import org.coloconsole.qmp.QmpValue;

/**
 * A greeting and {@code query-qmp-schema} recorded from a real QEMU (-machine none; the schema does not depend on
 * the machine), stored as two JSON lines in {@code qemu-VERSION.qmp-schema.jsonl.gz} beside this class. The entity
 * list can be edited (an entity, member or enum value taken out) to test what the check says about a QEMU without it.
 * {@code RecordedSchemaMatchesQemuTest} checks the recordings against the binaries.
 */
record RecordedSchema(String version, QmpGreeting greeting, List<Map<String, Object>> entities) {

    static final List<String> VERSIONS = List.of("7.2.22", "10.0.2");

    RecordedSchema {
        entities = List.copyOf(entities);
    }

    @SuppressWarnings("unchecked")
    static RecordedSchema load(String version) {
        String resource = "qemu-" + version + ".qmp-schema.jsonl.gz";
        try (InputStream raw = RecordedSchema.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalStateException("no recorded schema " + resource);
            }
            String[] lines = new String(new GZIPInputStream(raw).readAllBytes(), StandardCharsets.UTF_8).split("\n");
            QmpValue greeting = QmpValue.parse(lines[0]).get("QMP");
            QmpValue qemu = greeting.get("version").get("qemu");
            Set<String> capabilities = new HashSet<>();
            greeting.get("capabilities").elements().forEach(c -> capabilities.add(c.asText()));
            QmpGreeting parsed = new QmpGreeting(new QemuVersion((int) qemu.integer("major").orElse(0),
                    (int) qemu.integer("minor").orElse(0), (int) qemu.integer("micro").orElse(0),
                    greeting.get("version").string("package").orElse("")), capabilities);
            return new RecordedSchema(version, parsed,
                    (List<Map<String, Object>>) QmpValue.parse(lines[1]).toPlain());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    QmpValue schemaValue() {
        return QmpValue.of(entities);
    }

    QmpSchema schema() {
        return QmpSchema.parse(schemaValue());
    }

    RecordedSchema withGreetingCapabilities(Set<String> capabilities) {
        return new RecordedSchema(version, new QmpGreeting(greeting.version(), capabilities), entities);
    }

    /** Without the command or event {@code name}. */
    RecordedSchema without(String name) {
        List<Map<String, Object>> kept = new ArrayList<>();
        for (Map<String, Object> entity : entities) {
            boolean named = name.equals(entity.get("name"))
                    && ("command".equals(entity.get("meta-type")) || "event".equals(entity.get("meta-type")));
            if (!named) {
                kept.add(entity);
            }
        }
        return new RecordedSchema(version, greeting, kept);
    }

    /** With a copy of entity {@code typeName} changed by {@code edit}. */
    RecordedSchema editing(String typeName, java.util.function.Consumer<Map<String, Object>> edit) {
        List<Map<String, Object>> edited = new ArrayList<>();
        for (Map<String, Object> entity : entities) {
            if (typeName.equals(entity.get("name")) && !"command".equals(entity.get("meta-type"))
                    && !"event".equals(entity.get("meta-type"))) {
                Map<String, Object> copy = new LinkedHashMap<>(entity);
                edit.accept(copy);
                edited.add(copy);
            } else {
                edited.add(entity);
            }
        }
        return new RecordedSchema(version, greeting, edited);
    }

    /** Without member {@code member} of object type {@code typeName}. */
    @SuppressWarnings("unchecked")
    RecordedSchema withoutMember(String typeName, String member) {
        return editing(typeName, e -> {
            List<Map<String, Object>> members = new ArrayList<>((List<Map<String, Object>>) e.get("members"));
            members.removeIf(m -> member.equals(m.get("name")));
            e.put("members", members);
        });
    }

    /** Without value {@code value} of enum type {@code typeName} (both its "values" and its "members"). */
    @SuppressWarnings("unchecked")
    RecordedSchema withoutEnumValue(String typeName, String value) {
        return editing(typeName, e -> {
            List<Object> values = new ArrayList<>((List<Object>) e.get("values"));
            values.remove(value);
            e.put("values", values);
            if (e.get("members") != null) {
                List<Map<String, Object>> members = new ArrayList<>((List<Map<String, Object>>) e.get("members"));
                members.removeIf(m -> value.equals(m.get("name")));
                e.put("members", members);
            }
        });
    }
}
