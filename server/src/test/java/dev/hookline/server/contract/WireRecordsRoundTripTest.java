package dev.hookline.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hookline.sdk.model.Page;
import dev.hookline.sdk.model.Tenant;
import dev.hookline.server.testing.TestApp;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.JarURLConnection;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SDK's wire records are the server's bodies: every one of them must survive the server's ObjectMapper
 * unchanged, with every component set, so a field added on one side can never be dropped on the other.
 */
class WireRecordsRoundTripTest {
    @RegisterExtension
    static final TestApp app = new TestApp(c -> c.delivery.workerEnabled = false);

    static Stream<Class<?>> wireRecords() throws IOException {
        List<Class<?>> records = new ArrayList<>();
        String pkg = "dev/hookline/sdk/model";
        Enumeration<URL> roots = Thread.currentThread().getContextClassLoader().getResources(pkg);
        while (roots.hasMoreElements()) {
            URL root = roots.nextElement();
            List<String> names = new ArrayList<>();
            if (root.getProtocol().equals("jar")) {
                var jar = ((JarURLConnection) root.openConnection()).getJarFile();
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    String n = e.nextElement().getName();
                    if (n.startsWith(pkg + "/") && n.endsWith(".class") && n.indexOf('/', pkg.length() + 1) < 0) {
                        names.add(n.substring(pkg.length() + 1));
                    }
                }
            } else {
                for (File f : new File(root.getPath()).listFiles()) {
                    names.add(f.getName());
                }
            }
            for (String n : names) {
                if (n.endsWith(".class")) {
                    try {
                        Class<?> c = Class.forName("dev.hookline.sdk.model."
                                + n.substring(0, n.length() - 6)
                                        .replace('$', '.')
                                        .replaceFirst("\\.", "\\$"));
                        if (c.isRecord() && c.getTypeParameters().length == 0) { // generic Page: see below
                            records.add(c);
                        }
                    } catch (ClassNotFoundException e) {
                        // a nested type spelled differently; its enclosing record covers it
                    }
                }
            }
        }
        assertThat(records).hasSizeGreaterThan(15).doesNotContain(Page.class);
        return records.stream().distinct();
    }

    @ParameterizedTest
    @MethodSource("wireRecords")
    void everyWireRecordRoundTripsThroughTheServersMapper(Class<?> type) throws Exception {
        ObjectMapper mapper = app.objectMapper();
        Object sample = sample(type, type);
        String json = mapper.writeValueAsString(sample);
        Object back = mapper.readValue(json, type);
        assertThat(back).usingRecursiveComparison().isEqualTo(sample);
        for (RecordComponent component : type.getRecordComponents()) {
            assertThat(mapper.readTree(json).has(component.getName()))
                    .as("%s.%s is written", type.getSimpleName(), component.getName())
                    .isTrue();
        }
    }

    @Test
    void genericPagesRoundTripWithTheirElementType() throws Exception {
        ObjectMapper mapper = app.objectMapper();
        Tenant tenant = (Tenant) sample(Tenant.class, Tenant.class);
        Page<Tenant> page = new Page<>(List.of(tenant), "tnt_next", false);
        JavaType type = mapper.getTypeFactory().constructParametricType(Page.class, Tenant.class);
        Page<Tenant> back = mapper.readValue(mapper.writeValueAsString(page), type);
        assertThat(back).usingRecursiveComparison().isEqualTo(page);
    }

    private static Object sample(Type type, Class<?> owner) throws Exception {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == String.class) {
            return "s";
        } else if (raw == int.class || raw == Integer.class) {
            return 7;
        } else if (raw == long.class || raw == Long.class) {
            return 7L;
        } else if (raw == double.class || raw == Double.class) {
            return 0.5;
        } else if (raw == boolean.class || raw == Boolean.class) {
            return true;
        } else if (raw == Instant.class) {
            return Instant.parse("2026-01-02T03:04:05.123456Z");
        } else if (raw == com.fasterxml.jackson.databind.JsonNode.class) {
            return JsonNodeFactory.instance.objectNode().put("a", 1);
        } else if (raw == List.class) {
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            return List.of(sample(element instanceof Class<?> ? element : Tenant.class, owner));
        } else if (raw == Map.class) {
            Type value = ((ParameterizedType) type).getActualTypeArguments()[1];
            return Map.of("k", sample(value, owner));
        } else if (raw.isRecord()) {
            RecordComponent[] components = raw.getRecordComponents();
            Object[] args = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                Type generic = components[i].getGenericType();
                args[i] = sample(generic instanceof java.lang.reflect.TypeVariable<?> ? Tenant.class : generic, raw);
                types[i] = components[i].getType();
            }
            Constructor<?> constructor = raw.getDeclaredConstructor(types);
            return constructor.newInstance(args);
        } else if (raw.isEnum()) {
            return raw.getEnumConstants()[0];
        }
        throw new IllegalArgumentException("no sample for " + type + " in " + owner.getSimpleName());
    }
}
