package dev.hookline.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The boundaries of docs/architecture.md, checked on the main code of every module on the server's classpath:
 * sdk-java ← core ← worker ← server, the SDK free of the server's frameworks, core and worker free of Jersey,
 * resources that reach the database only through services, and one shape for what a DAO returns.
 */
@AnalyzeClasses(packages = "dev.hookline", importOptions = ArchitectureTest.MainCodeOnly.class)
class ArchitectureTest {
    private static final String[] JERSEY = {"jakarta.ws.rs..", "org.glassfish.jersey..", "io.dropwizard.jersey.."};

    @ArchTest
    static final ArchRule modulesDependOnlyDownwards = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("sdk-java")
            .definedBy("dev.hookline.sdk..")
            .layer("migrations")
            .definedBy("dev.hookline.migrations..")
            .layer("core")
            .definedBy("dev.hookline.core..")
            .layer("worker")
            .definedBy("dev.hookline.worker..")
            .layer("server")
            .definedBy("dev.hookline.server..")
            .whereLayer("server")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("worker")
            .mayOnlyBeAccessedByLayers("server")
            .whereLayer("core")
            .mayOnlyBeAccessedByLayers("worker", "server")
            .whereLayer("migrations")
            .mayOnlyBeAccessedByLayers("core", "worker", "server")
            .whereLayer("sdk-java")
            .mayOnlyBeAccessedByLayers("core", "worker", "server");

    @ArchTest
    static final ArchRule sdkKnowsNoServerFramework = noClasses()
            .that()
            .resideInAPackage("dev.hookline.sdk..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.dropwizard..",
                    "com.codahale.metrics..",
                    "org.eclipse.jetty..",
                    "jakarta.servlet..",
                    "jakarta.ws.rs..",
                    "org.glassfish.jersey..",
                    "org.jdbi..",
                    "redis.clients..");

    @ArchTest
    static final ArchRule coreKnowsNoJersey = noClasses()
            .that()
            .resideInAPackage("dev.hookline.core..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(JERSEY);

    @ArchTest
    static final ArchRule workerKnowsNoJersey = noClasses()
            .that()
            .resideInAPackage("dev.hookline.worker..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(JERSEY);

    /** A resource reads like its HTTP contract: the database is its service's business. */
    @ArchTest
    static final ArchRule resourcesReachTheDatabaseOnlyThroughServices = noClasses()
            .that()
            .resideInAPackage("dev.hookline.server..")
            .and()
            .haveNameMatching(".*Resource(\\$.*)?")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "javax.sql..", "org.jdbi..")
            .orShould()
            .dependOnClassesThat()
            .haveSimpleNameEndingWith("Dao");

    @ArchTest
    static final ArchRule daosReturnWhatTheRuleAllows = methods()
            .that()
            .areDeclaredInClassesThat()
            .haveSimpleNameEndingWith("Dao")
            .and()
            .areDeclaredInClassesThat()
            .areInterfaces()
            .should(returnWhatTheDaoRuleAllows());

    /**
     * The DAO rule: nothing ({@code void}), a row count as {@code int}, {@code Optional} or {@code List} of rows, or
     * the one row an aggregate always has; a row is a record or one column's value ({@code String}).
     */
    private static ArchCondition<JavaMethod> returnWhatTheDaoRuleAllows() {
        return new ArchCondition<>("return void, int, a record, or an Optional or List of records or Strings") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                Method reflected = method.reflect();
                Type type = reflected.getGenericReturnType();
                boolean allowed = type == void.class
                        || type == int.class
                        || (type instanceof Class<?> row && row.isRecord())
                        || (type instanceof ParameterizedType wrapper
                                && (wrapper.getRawType() == Optional.class || wrapper.getRawType() == List.class)
                                && isRow(wrapper.getActualTypeArguments()[0]));
                if (!allowed) {
                    events.add(SimpleConditionEvent.violated(
                            method, method.getFullName() + " returns " + type.getTypeName()));
                }
            }
        };
    }

    private static boolean isRow(Type type) {
        return type instanceof Class<?> row && (row.isRecord() || row == String.class);
    }

    /** Main code only: not the test classes of this module, nor the test-jars of the others. */
    static final class MainCodeOnly implements ImportOption {
        private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar.*");

        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/") && !location.matches(TEST_JAR);
        }
    }
}
