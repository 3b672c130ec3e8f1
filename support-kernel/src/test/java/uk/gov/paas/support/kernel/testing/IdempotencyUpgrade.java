package uk.gov.paas.support.kernel.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;

/**
 * What the upgrade to the kernel's idempotent_request (kernel V2026.12.03.2, then each service's V2026.12.03.3) does
 * to the keys a service stored in its old table: a new database is migrated up to the kernel table, the old rows are
 * written as they were (foreign keys off for that session, so no tickets, incidents or pages are needed), then the
 * remaining migrations run. Plain JDBC and Flyway, in the service's own test classpath (db/kernel and db/migration).
 */
public final class IdempotencyUpgrade {

    /** A service's table of keys before the kernel's: its name, its resource id column, and the route and kind it answered. */
    public record OldTable(String name, String resourceColumn, String route, String kind) {
    }

    private IdempotencyUpgrade() {
    }

    /** A scoped key (k1:) and a raw one in the old table: the scoped one moves with its route and resource, the raw one and the table go. */
    public static void check(String database, OldTable old) throws SQLException {
        Result upgraded = upgrade(database, old.name(), "insert into " + old.name() + " (idempotency_key, " + old.resourceColumn()
                + ", created_at) values ('k1:4f2a', 12, now()), ('raw-key-1', 13, now())");
        assertEquals(List.of("k1:4f2a " + old.route() + " " + old.kind() + " 12"), upgraded.rows());
        assertFalse(upgraded.oldTableLeft(), old.name() + " is dropped");
    }

    private record Result(List<String> rows, boolean oldTableLeft) {
    }

    private static Result upgrade(String database, String oldTable, String insertOldRows) throws SQLException {
        String name = database + env("TEST_DB_SUFFIX", "");
        String server = "jdbc:postgresql://" + env("DB_HOST", "127.0.0.1") + ":" + env("DB_PORT", "5432") + "/";
        String user = env("DB_USER", "postgres");
        String password = env("DB_PASSWORD", "");
        try (Connection admin = DriverManager.getConnection(server + "postgres", user, password); Statement s = admin.createStatement()) {
            s.execute("drop database if exists " + name);
            s.execute("create database " + name);
        }
        String url = server + name;
        migrate(url, user, password, "2026.12.03.2");
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("set session_replication_role = replica");
            s.execute(insertOldRows);
        }
        migrate(url, user, password, "latest");
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            List<String> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery("select key_digest, route, resource_kind, resource_id from idempotent_request order by key_digest")) {
                while (r.next()) {
                    rows.add(r.getString(1) + " " + r.getString(2) + " " + r.getString(3) + " " + r.getLong(4));
                }
            }
            try (ResultSet r = s.executeQuery("select to_regclass('" + oldTable + "') is not null")) {
                r.next();
                return new Result(rows, r.getBoolean(1));
            }
        }
    }

    private static void migrate(String url, String user, String password, String target) {
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/kernel", "classpath:db/migration").target(target).load().migrate();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
