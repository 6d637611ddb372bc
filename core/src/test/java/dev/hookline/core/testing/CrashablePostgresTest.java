package dev.hookline.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class CrashablePostgresTest {
    @AutoClose
    static final CrashablePostgres postgres = CrashablePostgres.start();

    @Test
    void killedServerComesBackOnItsPortWithEveryCommittedRow() throws Exception {
        // given a committed row and an open connection
        String url = postgres.adminDatabase().jdbcUrl();
        Connection before = DriverManager.getConnection(url);
        try (Statement st = before.createStatement()) {
            st.execute("CREATE TABLE survivors (n int)");
            st.execute("INSERT INTO survivors SELECT generate_series(1, 1000)");
        }

        // when the whole server is killed and started again
        int processes = postgres.kill();
        assertThatThrownBy(() -> before.createStatement().execute("SELECT 1")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(url)).isInstanceOf(SQLException.class);
        postgres.startAgain();

        // then it answers on the same port, with the row
        try (Connection after = DriverManager.getConnection(url);
                Statement st = after.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM survivors")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1000);
        }
        assertThat(processes).as("postmaster and its background processes").isGreaterThanOrEqualTo(5);
        before.close();
    }
}
