package mysqlcluster.settings;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds a JSON object onto a settings record, field by field, so that every unknown key and every wrong type
 * is reported with its full path instead of stopping at the first one. Absent fields take the value of the
 * same field in a defaults instance.
 */
final class RecordBinder {
    /**
     * Pulumi config scalars are strings at heart (`pulumi config set --path k.replicas 3` may store "3"), so digits
     * and true/false in quotes are accepted; fractions, empty strings and other shapes are type errors.
     */
    static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .withCoercionConfigDefaults(c -> {
                c.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
                c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
            })
            .build();

    private RecordBinder() {
    }

    static <R extends Record> R bind(JsonNode node, Class<R> type, R defaults, String path, Problems problems) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return defaults;
        }
        if (!node.isObject()) {
            problems.add(path, "expected an object with the keys " + keysOf(type) + ", got " + describe(node));
            return defaults;
        }
        RecordComponent[] components = type.getRecordComponents();
        Set<String> known = new LinkedHashSet<>();
        for (RecordComponent c : components) {
            known.add(c.getName());
        }
        node.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                problems.add(path + "." + field, "unknown key; allowed keys are " + String.join(", ", known));
            }
        });
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            Object fallback = read(c, defaults);
            JsonNode child = node.get(c.getName());
            values[i] = child == null ? fallback : convert(child, c, fallback, path + "." + c.getName(), problems);
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getSimpleName(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convert(JsonNode child, RecordComponent c, Object fallback, String path, Problems problems) {
        if (child.isNull()) {
            return fallback;
        }
        Class<?> raw = c.getType();
        if (raw.isRecord()) {
            return bind(child, (Class) raw, (Record) fallback, path, problems);
        }
        try {
            Type generic = c.getGenericType();
            return STRICT.readerFor(STRICT.getTypeFactory().constructType(generic)).readValue(child);
        } catch (java.io.IOException | IllegalArgumentException e) {
            problems.add(path, "expected " + expected(c.getGenericType()) + ", got " + describe(child));
            return fallback;
        }
    }

    private static Object read(RecordComponent c, Object instance) {
        try {
            return c.getAccessor().invoke(instance);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static String keysOf(Class<? extends Record> type) {
        var names = new java.util.ArrayList<String>();
        for (RecordComponent c : type.getRecordComponents()) {
            names.add(c.getName());
        }
        return String.join(", ", names);
    }

    private static String expected(Type type) {
        if (type instanceof ParameterizedType p) {
            Type raw = p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (raw == List.class) {
                return "a list of " + plural(args[0]);
            }
            if (raw == Map.class) {
                return "a map of " + plural(args[0]) + " to " + plural(args[1]);
            }
        }
        if (type == Integer.class || type == int.class || type == Long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        return type.getTypeName();
    }

    private static String plural(Type type) {
        String one = expected(type);
        return one.startsWith("a ") ? one.substring(2) + "s" : one.startsWith("an ") ? one.substring(3) + "s" : one;
    }

    static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "\"" + node.asText() + "\"";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.toString();
    }
}
