package dev.hookline.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.server.auth.Permission;
import dev.hookline.server.auth.PortalAccess;
import dev.hookline.server.testing.RawHttp;
import dev.hookline.server.testing.TestApp;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * docs/openapi.yaml against the code: every method of every registered Jersey resource is in the document with
 * its query and header parameters, the document names nothing the server lacks, and the server hands the document
 * out without a key.
 */
class OpenApiDocumentTest {
    @RegisterExtension
    static final TestApp app = new TestApp(c -> c.delivery.workerEnabled = false);

    @Test
    void everyRegisteredResourceMethodIsDocumentedAndNothingElseIs() {
        // given the operations Jersey actually serves, found by reflection over the registered resources
        Set<String> served = new TreeSet<>();
        for (ResourceMethod m : registeredResourceMethods()) {
            served.add(m.method() + " " + m.path());
        }

        // when the document's operations are listed
        Set<String> documented = ApiDocument.operations().stream()
                .map(ApiDocument.Operation::toString)
                .collect(Collectors.toCollection(TreeSet::new));

        // then the two are the same set
        assertThat(served).as("served").isNotEmpty().contains("GET /v1/tenants/{tenant}/endpoints/{endpoint}");
        assertThat(documented).as("documented in docs/openapi.yaml").containsAll(served);
        assertThat(served).as("served by a resource").containsAll(documented);
    }

    @Test
    void everyQueryAndHeaderParameterOfTheCodeIsDocumented() {
        List<String> missing = new ArrayList<>();
        for (ResourceMethod m : registeredResourceMethods()) {
            ApiDocument.Operation op = ApiDocument.operations().stream()
                    .filter(o -> o.method().equals(m.method()) && o.path().equals(m.path()))
                    .findFirst()
                    .orElseThrow();
            for (String parameter : m.parameters()) {
                if (!op.parameters().contains(parameter)) {
                    missing.add(op + " " + parameter);
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyOperationSaysWhoMayCallItAndEveryBodyHasAnExample() {
        for (ApiDocument.Operation op : ApiDocument.operations()) {
            assertThat(op.access()).as(op + " x-hookline-access").isIn("admin", "tenant", "any", "public", "portal");
        }
        JsonNode paths = ApiDocument.document().path("paths");
        paths.forEach(path -> path.forEach(op -> {
            if (op.has("requestBody")) {
                assertThat(op.path("requestBody")
                                .path("content")
                                .path("application/json")
                                .has("example"))
                        .as(op.path("operationId").asText() + " has a request example")
                        .isTrue();
            }
        }));
    }

    @Test
    void everyOperationOpenToPortalSessionsIsDocumentedWithItsPermissionsAndNoOtherIs() {
        // given the permissions each served method's @PortalAccess asks for (none: closed to portal sessions)
        Set<String> served = new TreeSet<>();
        for (ResourceMethod m : registeredResourceMethods()) {
            if (!m.path().equals("/v1/openapi.json")) { // public: no key, so no portal session either
                served.add(m.method() + " " + m.path() + " " + m.portal());
            }
        }

        // when the document's x-hookline-portal are listed the same way
        Set<String> documented = ApiDocument.operations().stream()
                .filter(op -> !"public".equals(op.access()))
                .map(op -> op + " " + (op.portal() == null ? null : new TreeSet<>(op.portal())))
                .collect(Collectors.toCollection(TreeSet::new));

        // then they agree operation by operation, and reading is open while sending and operator work are not
        assertThat(documented).isEqualTo(served);
        assertThat(served)
                .contains("GET /v1/tenants/{tenant}/endpoints [read]")
                .contains("POST /v1/tenants/{tenant}/messages null")
                .contains("POST /v1/tenants/{tenant}/portal-sessions null");
    }

    @Test
    void everyReferenceResolves() {
        JsonNode doc = ApiDocument.document();
        List<String> broken = new ArrayList<>();
        collectRefs(doc).forEach(ref -> {
            if (ApiDocument.resolve(doc, ref).isMissingNode()) {
                broken.add(ref);
            }
        });
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        assertThat(broken).isEmpty();
    }

    @Test
    void theDocumentIsServedAsJsonWithoutAKey() {
        // when the document is fetched without any Authorization header
        RawHttp.Response response = new RawHttp(app.baseUrl()).call("GET", "/v1/openapi.json", null, null);

        // then it is the YAML of docs/ as JSON
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().get("content-type"))
                .anySatisfy(t -> assertThat(t).startsWith("application/json"));
        assertThat(response.json()).isEqualTo(ApiDocument.document());
    }

    /**
     * A resource method as Jersey serves it: HTTP method, full path template, query/header parameters, and the
     * permissions a portal session needs for it (null: closed to them), sorted.
     */
    record ResourceMethod(String method, String path, List<String> parameters, Set<String> portal) {}

    static List<ResourceMethod> registeredResourceMethods() {
        var config = app.environment().jersey().getResourceConfig();
        Set<Class<?>> classes = new java.util.LinkedHashSet<>(config.getClasses());
        config.getSingletons().forEach(o -> classes.add(o.getClass()));
        config.getInstances().forEach(o -> classes.add(o.getClass()));
        List<ResourceMethod> methods = new ArrayList<>();
        for (Class<?> type : classes) {
            Path classPath = type.getAnnotation(Path.class);
            if (classPath == null) {
                continue;
            }
            for (Method method : type.getMethods()) {
                String http = httpMethod(method);
                if (http == null) {
                    continue;
                }
                Path methodPath = method.getAnnotation(Path.class);
                String path = join(classPath.value(), methodPath == null ? "" : methodPath.value());
                List<String> parameters = new ArrayList<>();
                for (Parameter p : method.getParameters()) {
                    if (p.getAnnotation(QueryParam.class) != null) {
                        parameters.add(
                                "query:" + p.getAnnotation(QueryParam.class).value());
                    } else if (p.getAnnotation(HeaderParam.class) != null) {
                        parameters.add(
                                "header:" + p.getAnnotation(HeaderParam.class).value());
                    }
                }
                PortalAccess open = method.getAnnotation(PortalAccess.class);
                Set<String> portal = open == null
                        ? null
                        : Arrays.stream(open.value())
                                .map(Permission::wireName)
                                .collect(Collectors.toCollection(TreeSet::new));
                methods.add(new ResourceMethod(http, path, parameters, portal));
            }
        }
        return methods;
    }

    private static String httpMethod(Method method) {
        for (Class<? extends Annotation> a : List.of(GET.class, POST.class, PUT.class, PATCH.class, DELETE.class)) {
            if (method.isAnnotationPresent(a)) {
                return a.getAnnotation(HttpMethod.class).value();
            }
        }
        return null;
    }

    private static String join(String classPath, String methodPath) {
        String path = ("/" + classPath + "/" + methodPath).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static Stream<String> collectRefs(JsonNode node) {
        List<String> refs = new ArrayList<>();
        collect(node, refs);
        return refs.stream();
    }

    private static void collect(JsonNode node, List<String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref")) {
                    into.add(e.getValue().asText());
                } else {
                    collect(e.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, into));
        }
    }
}
