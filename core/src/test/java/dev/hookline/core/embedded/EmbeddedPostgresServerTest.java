package dev.hookline.core.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {
    @TempDir
    Path dir;

    @Test
    void startsForWhoeverRunsItWithProductionDurability() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir.resolve("pg"));
                Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"));
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT current_setting('synchronous_commit'), current_setting('fsync')")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("synchronous_commit").isEqualTo("on");
            assertThat(rs.getString(2)).as("fsync").isEqualTo("on");
        }
    }

    @Test
    void aDataDirectoryOfAnotherUserIsAClearError() throws Exception {
        Path foreign = directoryOfAnotherUser();
        String us = System.getProperty("user.name");
        assertThatThrownBy(() -> EmbeddedPostgresServer.start(foreign))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(foreign.toString())
                .hasMessageContaining("not to " + us)
                .hasMessageContaining("HOOKLINE_DATABASE_URL");
    }

    /** As root, a fresh directory handed to {@code nobody}; as anyone else, {@code /}, which root owns. */
    private Path directoryOfAnotherUser() throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Path.of("/");
        }
        Path foreign = Files.createDirectory(dir.resolve("foreign"));
        UserPrincipal nobody =
                foreign.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(foreign, nobody);
        return foreign;
    }
}
