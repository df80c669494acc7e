package org.coloconsole.qmp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code query-qmp-schema} says a QEMU offers, as typed records: its commands, events and types. QEMU hides the
 * names of its types (they read "123"), so types are reached from a command or event through its members, e.g.
 * {@code migrate-set-capabilities} → {@code capabilities} (an array) → {@code capability} (an enum).
 *
 * <p>Entity kinds, members and features this class does not know are kept out of the way, not refused: a newer QEMU
 * adds them.
 */
public final class QmpSchema {

    /** A command: its argument and return types and its features ({@code unstable}, {@code deprecated}…). */
    public record Command(String name, String argType, String retType, boolean allowOob, Set<String> features) {
        public Command {
            features = Set.copyOf(features);
        }
    }

    /** An event; {@code argType} is its {@code data}. */
    public record Event(String name, String argType, Set<String> features) {
        public Event {
            features = Set.copyOf(features);
        }
    }

    /** A member of an object type (an argument, a field of a reply or of an event's data). */
    public record Member(String name, String type, boolean optional, Set<String> features) {
        public Member {
            features = Set.copyOf(features);
        }
    }

    /** One value of an enum, with its features (e.g. {@code x-colo}: unstable). */
    public record EnumValue(String name, Set<String> features) {
        public EnumValue {
            features = Set.copyOf(features);
        }
    }

    /** A type, by its meta-type. */
    public sealed interface Type {
        String name();
    }

    /** {@code str}, {@code int}, {@code bool}, {@code any}…: {@code jsonType} is the JSON it travels as. */
    public record Builtin(String name, String jsonType) implements Type {
    }

    public record EnumType(String name, List<EnumValue> values) implements Type {
        public EnumType {
            values = List.copyOf(values);
        }
    }

    public record ArrayType(String name, String elementType) implements Type {
    }

    /** An object; the members of a union's variants are in their own object types, listed by case. */
    public record ObjectType(String name, List<Member> members, Map<String, String> variants) implements Type {
        public ObjectType {
            members = List.copyOf(members);
            variants = Map.copyOf(variants);
        }
    }

    /** One of several types. */
    public record AlternateType(String name, List<String> types) implements Type {
        public AlternateType {
            types = List.copyOf(types);
        }
    }

    /** A meta-type this class does not know (kept so that the count of entities stays honest). */
    public record OtherType(String name, String metaType) implements Type {
    }

    private final Map<String, Command> commands;
    private final Map<String, Event> events;
    private final Map<String, Type> types;

    private QmpSchema(Map<String, Command> commands, Map<String, Event> events, Map<String, Type> types) {
        this.commands = Map.copyOf(commands);
        this.events = Map.copyOf(events);
        this.types = Map.copyOf(types);
    }

    /** Reads the return value of {@code query-qmp-schema} (an array of entities). */
    public static QmpSchema parse(QmpValue schema) {
        if (!schema.isArray()) {
            throw new IllegalArgumentException("query-qmp-schema returns an array of entities, not " + schema);
        }
        Map<String, Command> commands = new LinkedHashMap<>();
        Map<String, Event> events = new LinkedHashMap<>();
        Map<String, Type> types = new LinkedHashMap<>();
        for (QmpValue entity : schema.elements()) {
            String name = entity.string("name").orElse("");
            String metaType = entity.string("meta-type").orElse("");
            switch (metaType) {
                case "command":
                    commands.put(name, new Command(name, entity.string("arg-type").orElse(""),
                            entity.string("ret-type").orElse(""), entity.bool("allow-oob").orElse(false),
                            features(entity)));
                    break;
                case "event":
                    events.put(name, new Event(name, entity.string("arg-type").orElse(""), features(entity)));
                    break;
                case "builtin":
                    types.put(name, new Builtin(name, entity.string("json-type").orElse("")));
                    break;
                case "enum":
                    types.put(name, new EnumType(name, enumValues(entity)));
                    break;
                case "array":
                    types.put(name, new ArrayType(name, entity.string("element-type").orElse("")));
                    break;
                case "object":
                    types.put(name, new ObjectType(name, members(entity), variants(entity)));
                    break;
                case "alternate":
                    List<String> alternatives = new ArrayList<>();
                    entity.get("members").elements().forEach(m -> m.string("type").ifPresent(alternatives::add));
                    types.put(name, new AlternateType(name, alternatives));
                    break;
                default:
                    types.put(name, new OtherType(name, metaType));
            }
        }
        return new QmpSchema(commands, events, types);
    }

    public Optional<Command> command(String name) {
        return Optional.ofNullable(commands.get(name));
    }

    public Optional<Event> event(String name) {
        return Optional.ofNullable(events.get(name));
    }

    public Optional<Type> type(String name) {
        return Optional.ofNullable(types.get(name));
    }

    public Set<String> commandNames() {
        return commands.keySet();
    }

    public Set<String> eventNames() {
        return events.keySet();
    }

    public int typeCount() {
        return types.size();
    }

    /**
     * The member {@code name} of the object type {@code objectType}, looking into an array's element type first
     * (so that {@code capabilities} → {@code capability} works on {@code MigrationCapabilityStatus[]}) and into the
     * variants of a union. Empty when the type is not an object or has no such member.
     */
    public Optional<Member> member(String objectType, String name) {
        Optional<Type> type = type(objectType).map(this::elementOrSelf);
        if (type.isEmpty() || !(type.get() instanceof ObjectType)) {
            return Optional.empty();
        }
        ObjectType object = (ObjectType) type.get();
        for (Member member : object.members()) {
            if (member.name().equals(name)) {
                return Optional.of(member);
            }
        }
        for (String variant : new LinkedHashSet<>(object.variants().values())) {
            if (!variant.equals(objectType)) {
                Optional<Member> found = member(variant, name);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The member at {@code path} below {@code objectType}: each step names a member of the previous member's type
     * (arrays are looked through).
     */
    public Optional<Member> member(String objectType, List<String> path) {
        Optional<Member> at = Optional.empty();
        String type = objectType;
        for (String step : path) {
            at = member(type, step);
            if (at.isEmpty()) {
                return at;
            }
            type = at.get().type();
        }
        return at;
    }

    /** The values of the enum {@code typeName} (looking through an array), or empty when it is not an enum. */
    public Optional<List<EnumValue>> enumValues(String typeName) {
        return type(typeName).map(this::elementOrSelf).filter(t -> t instanceof EnumType)
                .map(t -> ((EnumType) t).values());
    }

    private Type elementOrSelf(Type type) {
        if (type instanceof ArrayType) {
            Type element = types.get(((ArrayType) type).elementType());
            return element != null ? element : type;
        }
        return type;
    }

    private static Set<String> features(QmpValue entity) {
        Set<String> features = new LinkedHashSet<>();
        entity.get("features").elements().forEach(f -> features.add(f.asText()));
        return features;
    }

    private static List<EnumValue> enumValues(QmpValue entity) {
        List<EnumValue> values = new ArrayList<>();
        List<QmpValue> members = entity.get("members").elements();
        if (!members.isEmpty()) {
            for (QmpValue member : members) {
                values.add(new EnumValue(member.string("name").orElse(""), features(member)));
            }
        } else {
            // before QEMU 6.2 enums listed plain "values", without features
            entity.get("values").elements().forEach(v -> values.add(new EnumValue(v.asText(), Set.of())));
        }
        return values;
    }

    private static List<Member> members(QmpValue entity) {
        List<Member> members = new ArrayList<>();
        for (QmpValue member : entity.get("members").elements()) {
            // "default" present (always null today) marks an optional member
            members.add(new Member(member.string("name").orElse(""), member.string("type").orElse(""),
                    member.keys().contains("default"), features(member)));
        }
        return members;
    }

    private static Map<String, String> variants(QmpValue entity) {
        Map<String, String> variants = new LinkedHashMap<>();
        for (QmpValue variant : entity.get("variants").elements()) {
            variants.put(variant.string("case").orElse(""), variant.string("type").orElse(""));
        }
        return variants;
    }
}
