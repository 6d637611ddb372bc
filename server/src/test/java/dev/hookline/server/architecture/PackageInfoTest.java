package dev.hookline.server.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every package of every module's main code says what lives there, in a package-info.java of five lines or fewer. */
class PackageInfoTest {
    private static final List<String> MODULES = List.of("sdk-java", "migrations", "core", "worker", "server", "bench");

    @Test
    void everyMainPackageHasAShortPackageInfo() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertThat(root.resolve("pom.xml"))
                .as("the reactor's root, above the server module")
                .exists();
        List<Path> packages = new ArrayList<>();
        for (String module : MODULES) {
            Path sources = root.resolve(module).resolve("src/main/java");
            assertThat(sources).as(module).isDirectory();
            try (Stream<Path> files = Files.walk(sources)) {
                files.filter(f -> f.toString().endsWith(".java"))
                        .map(Path::getParent)
                        .distinct()
                        .forEach(packages::add);
            }
        }

        List<String> problems = new ArrayList<>();
        for (Path dir : packages) {
            Path info = dir.resolve("package-info.java");
            if (!Files.exists(info)) {
                problems.add(root.relativize(dir) + ": no package-info.java");
                continue;
            }
            List<String> lines = Files.readAllLines(info);
            if (lines.size() > 5) {
                problems.add(root.relativize(info) + ": " + lines.size() + " lines");
            }
            if (lines.isEmpty() || !lines.get(0).startsWith("/**")) {
                problems.add(root.relativize(info) + ": does not open with a Javadoc comment");
            }
        }
        assertThat(packages).hasSizeGreaterThan(30);
        assertThat(problems).isEmpty();
    }
}
