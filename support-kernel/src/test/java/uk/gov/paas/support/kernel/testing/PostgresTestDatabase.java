package uk.gov.paas.support.kernel.testing;

import java.sql.SQLException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import uk.gov.paas.support.local.LocalStack;

/**
 * Points a module's tests at its own database on the real PostgreSQL (DB_HOST, DB_PORT, DB_USER, DB_PASSWORD;
 * 127.0.0.1:5432 as postgres by default) and creates that database when it is missing. No Docker, no Dev Services.
 * TEST_DB_SUFFIX appends to the database name, so two checkouts can run their tests at the same time.
 */
public class PostgresTestDatabase implements QuarkusTestResourceLifecycleManager {

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
        if (database == null) {
            throw new IllegalArgumentException("PostgresTestDatabase needs a 'database' argument");
        }
        // two checkouts testing at once on one machine each take their own database (TEST_DB_SUFFIX=_b)
        String suffix = env("TEST_DB_SUFFIX", "");
        if (!suffix.matches("[a-z0-9_]*")) {
            throw new IllegalArgumentException("TEST_DB_SUFFIX may hold only a-z, 0-9 and _");
        }
        database = database + suffix;
    }

    @Override
    public Map<String, String> start() {
        String host = env("DB_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("DB_PORT", "5432"));
        String user = env("DB_USER", "postgres");
        String password = env("DB_PASSWORD", "");
        try {
            LocalStack.createDatabaseIfMissing(host, port, user, password, database);
        } catch (SQLException e) {
            throw new IllegalStateException("Tests need PostgreSQL at " + host + ":" + port + " as " + user
                    + " (set DB_HOST, DB_PORT, DB_USER, DB_PASSWORD): " + e.getMessage(), e);
        }
        return Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + host + ":" + port + "/" + database);
    }

    @Override
    public void stop() {
        // the database stays: tests clean up the rows they own, and the next run migrates it forward
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
