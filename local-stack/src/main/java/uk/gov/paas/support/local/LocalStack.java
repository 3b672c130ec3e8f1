package uk.gov.paas.support.local;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts everything a developer needs on one machine: PostgreSQL (the one at DB_HOST:DB_PORT when it answers,
 * otherwise an embedded one), a mail capture, and the three services; stops them all on Ctrl-C.
 */
public final class LocalStack {

    /** The services, in the order they start; the name is also the module directory. */
    static final List<Service> SERVICES = List.of(
            new Service("ticket-service", "TICKET_PORT", 8081, "tickets"),
            new Service("incident-service", "INCIDENT_PORT", 8082, "incidents"),
            new Service("escalation-service", "ESCALATION_PORT", 8083, "escalation"));

    /** The routing key escalation-service's demo directory creates in a local run (DemoDirectory). */
    static final String DEMO_ROUTING_KEY = "localdemokey00000000000000000001";

    record Service(String name, String portVariable, int defaultPort, String database) {
    }

    private final Map<String, String> env;
    private final Path home;
    private final Path work;
    private final List<Process> processes = new ArrayList<>();
    private volatile boolean stopping;
    private EmbeddedPostgres embeddedPostgres;
    private MailCapture mailCapture;

    LocalStack(Map<String, String> env, Path home) {
        this.env = env;
        this.home = home;
        this.work = home.resolve(setting("LOCAL_STACK_DIR", "target/local-stack"));
    }

    public static void main(String[] args) throws Exception {
        LocalStack stack = new LocalStack(System.getenv(), Path.of(System.getenv().getOrDefault("SUPPORT_HOME", ".")).toAbsolutePath().normalize());
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
        try {
            stack.start();
        } catch (StartupFailure e) {
            System.err.println("local stack: " + e.getMessage());
            System.exit(1);
        }
        int exit = stack.awaitFirstExit();
        if (stack.stopping) {
            return; // Ctrl-C: the shutdown hook is stopping everything
        }
        System.err.println("local stack: a service stopped unexpectedly (exit " + exit + "); stopping the rest. Logs: " + stack.work.resolve("logs"));
        System.exit(1);
    }

    String setting(String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    void start() throws Exception {
        Files.createDirectories(work.resolve("logs"));
        String dbHost = setting("DB_HOST", "localhost");
        int dbPort = Integer.parseInt(setting("DB_PORT", "5432"));
        String dbUser = setting("DB_USER", "postgres");
        String dbPassword = setting("DB_PASSWORD", "");
        String databaseNote = startDatabase(dbHost, dbPort, dbUser, dbPassword);

        String smtpHost = setting("SMTP_HOST", "");
        int smtpPort = Integer.parseInt(setting("SMTP_PORT", "3025"));
        String mailNote;
        if (smtpHost.isEmpty()) {
            int mailPort = Integer.parseInt(setting("MAIL_UI_PORT", "8025"));
            mailCapture = MailCapture.start(smtpPort, mailPort);
            smtpHost = "localhost";
            mailNote = "captured, not delivered: list at http://localhost:" + mailPort + "/ (raw message: /messages/<n>)";
        } else {
            mailNote = "sent through " + smtpHost + ":" + smtpPort;
        }

        Map<String, String> childEnv = new LinkedHashMap<>(env);
        childEnv.put("DB_HOST", dbHost);
        childEnv.put("DB_PORT", Integer.toString(dbPort));
        childEnv.put("DB_USER", dbUser);
        childEnv.put("DB_PASSWORD", dbPassword);
        childEnv.put("SMTP_HOST", smtpHost);
        childEnv.put("SMTP_PORT", Integer.toString(smtpPort));
        for (Service service : SERVICES) {
            String url = "http://localhost:" + port(service);
            childEnv.put(service.name().toUpperCase().replace('-', '_') + "_URL", url);
        }
        // each console links to the other two (a development session's cookie is sent to every port of localhost)
        childEnv.putIfAbsent("CONSOLE_TICKETS_URL", "http://localhost:" + port(SERVICES.get(0)) + "/console");
        childEnv.putIfAbsent("CONSOLE_INCIDENTS_URL", "http://localhost:" + port(SERVICES.get(1)) + "/console");
        childEnv.putIfAbsent("CONSOLE_ON_CALL_URL", "http://localhost:" + port(SERVICES.get(2)) + "/console");
        // the services' own token for calling each other (role service); in a cluster one issued by the identity provider
        String serviceToken = DevTokens.mint("service", null, "local-services@support.local", Duration.ofDays(30));
        childEnv.putIfAbsent("ESCALATION_SERVICE_TOKEN", serviceToken);
        childEnv.putIfAbsent("INCIDENT_SERVICE_TOKEN", serviceToken);
        for (Service service : SERVICES) {
            processes.add(launch(service, childEnv));
        }
        for (Service service : SERVICES) {
            awaitReady(service, processes.get(SERVICES.indexOf(service)));
        }
        printBanner(databaseNote, mailNote);
    }

    int port(Service service) {
        return Integer.parseInt(setting(service.portVariable(), Integer.toString(service.defaultPort())));
    }

    private String startDatabase(String host, int port, String user, String password) throws Exception {
        String note;
        try (Connection ignored = connect(host, port, "postgres", user, password)) {
            note = "PostgreSQL at " + host + ":" + port;
        } catch (SQLException e) {
            if (!(rootCause(e) instanceof ConnectException)) {
                throw new StartupFailure("PostgreSQL at " + host + ":" + port + " answered but refused us: " + e.getMessage()
                        + " (set DB_USER / DB_PASSWORD)");
            }
            if (!isLocal(host)) {
                throw new StartupFailure("no PostgreSQL answers at " + host + ":" + port);
            }
            if ("root".equals(System.getProperty("user.name"))) {
                throw new StartupFailure("no PostgreSQL answers at " + host + ":" + port + ", and the embedded PostgreSQL refuses to run as root"
                        + " (initdb will not). Start a PostgreSQL server, or run this as a non-root user.");
            }
            Path data = work.resolve("postgres");
            Files.createDirectories(data);
            System.out.println("local stack: no PostgreSQL at " + host + ":" + port + "; starting an embedded one (data in " + data + ")");
            embeddedPostgres = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .start();
            note = "embedded PostgreSQL on localhost:" + port + " (data in " + data + ")";
        }
        for (Service service : SERVICES) {
            createDatabaseIfMissing(host, port, user, password, service.database());
        }
        return note;
    }

    /** Creates a database unless it exists; shared with the tests' database bootstrap. */
    public static void createDatabaseIfMissing(String host, int port, String user, String password, String database) throws SQLException {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection connection = connect(host, port, "postgres", user, password);
             var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                try (var create = connection.createStatement()) {
                    create.execute("create database " + database);
                } catch (SQLException e) {
                    // another process may have created it between our check and our create
                    if (!"42P04".equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        }
    }

    private static Connection connect(String host, int port, String database, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (!password.isEmpty()) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "3");
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, properties);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static boolean isLocal(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1");
    }

    private Process launch(Service service, Map<String, String> childEnv) throws IOException {
        Path jar = home.resolve(service.name()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new StartupFailure(jar + " is missing; build first (./mvnw -DskipTests package), or use ./run-local which does");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Dquarkus.profile=local",
                "-Dquarkus.http.port=" + port(service), "-jar", jar.toString());
        builder.environment().clear();
        builder.environment().putAll(childEnv);
        Path log = work.resolve("logs").resolve(service.name() + ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        System.out.println("local stack: starting " + service.name() + " (log: " + log + ")");
        return builder.start();
    }

    private void awaitReady(Service service, Process process) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = URI.create("http://localhost:" + port(service) + "/q/health/ready");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(Long.parseLong(setting("LOCAL_STACK_START_TIMEOUT", "180"))));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new StartupFailure(service.name() + " exited with " + process.exitValue() + "; see "
                        + work.resolve("logs").resolve(service.name() + ".log"));
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new StartupFailure(service.name() + " was not ready within the start timeout; see its log");
    }

    private void printBanner(String databaseNote, String mailNote) {
        StringBuilder out = new StringBuilder("\nlocal stack ready\n");
        for (Service service : SERVICES) {
            int port = port(service);
            out.append(String.format("  %-19s http://localhost:%d  (API docs: http://localhost:%d/q/swagger-ui)%n", service.name(), port, port));
        }
        out.append(String.format("  %-19s http://localhost:%d/console  (the support desk; development sign-in: pick a role, for a tenant an organisation such as acme)%n",
                "consoles", port(SERVICES.get(0))));
        out.append(String.format("  %-19s http://localhost:%d/console  (incidents) and http://localhost:%d/console  (on call and pages), one sign-in for all three%n",
                "", port(SERVICES.get(1)), port(SERVICES.get(2))));
        out.append("  database           ").append(databaseNote).append('\n');
        out.append("  mail               ").append(mailNote).append('\n');
        out.append("  logs               ").append(work.resolve("logs")).append('\n');
        out.append("\nAn agent token (12 h; others: ./dev-token <tenant ORG|agent|admin|service>):\n");
        out.append(DevTokens.forRole("agent")).append('\n');
        out.append("\nTry: curl -H \"Authorization: Bearer $TOKEN\" 'http://localhost:")
                .append(port(SERVICES.get(2))).append("/api/support-hours'\n");
        out.append("\nPage someone (the demo directory's routing key; the email appears in the mail capture):\n")
                .append("curl -s -X POST http://localhost:").append(port(SERVICES.get(2))).append("/v2/enqueue -H 'Content-Type: application/json' \\\n")
                .append("  -d '{\"routing_key\":\"").append(DEMO_ROUTING_KEY).append("\",\"event_action\":\"trigger\",\"dedup_key\":\"demo-1\",")
                .append("\"payload\":{\"summary\":\"Demo: API error rate above 5%\",\"source\":\"curl\",\"severity\":\"critical\"}}'\n");
        out.append("Ctrl-C stops everything.\n");
        System.out.println(out);
    }

    /** Blocks until any service exits; returns its exit code. */
    int awaitFirstExit() throws InterruptedException {
        while (true) {
            for (Process process : processes) {
                if (!process.isAlive()) {
                    return process.exitValue();
                }
            }
            Thread.sleep(1000);
        }
    }

    synchronized void stop() {
        stopping = true;
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        if (mailCapture != null) {
            mailCapture.stop();
            mailCapture = null;
        }
        if (embeddedPostgres != null) {
            try {
                embeddedPostgres.close();
            } catch (IOException e) {
                System.err.println("local stack: embedded PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            embeddedPostgres = null;
        }
    }

    static final class StartupFailure extends RuntimeException {
        StartupFailure(String message) {
            super(message);
        }
    }
}
