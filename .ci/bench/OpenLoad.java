import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An open-model load generator: requests start at a constant arrival rate whatever the answers do, and each latency is
 * measured from the moment its request was due to start, not from when a free connection let it go, so a slow
 * server shows in the figures instead of slowing the load down (no coordinated omission).
 *
 * <pre>
 * java .ci/bench/OpenLoad.java --url URL --rate N --seconds S [--method POST] [--header 'Name: value']...
 *      [--body TEXT | --body-file FILE] [--in-flight 256] [--warm-up 2] [--closed CONNECTIONS]
 * </pre>
 *
 * With {@code --closed N} it measures saturation instead: N connections, each sending its next request as soon as
 * the last is answered, for the given seconds after the warm-up; it prints the throughput and the latencies.
 *
 * In the URL and the body, {n} becomes the request's sequence number and {run} a value unique to this run, so every
 * request can carry a new key. Prints one JSON object: the rate asked for and achieved, counts by status, and the
 * latency percentiles in milliseconds over the requests after the warm-up. A request that would exceed
 * {@code --in-flight} outstanding requests is counted as "dropped" (the server is saturated at that rate) and its
 * latency, from its due time to when it could start plus its own time, still counts.
 */
public class OpenLoad {

    public static void main(String[] args) throws Exception {
        Map<String, List<String>> options = parse(args);
        String url = one(options, "url", null);
        double rate = Double.parseDouble(one(options, "rate", "100"));
        double seconds = Double.parseDouble(one(options, "seconds", "10"));
        double warmUp = Double.parseDouble(one(options, "warm-up", "2"));
        String method = one(options, "method", "GET");
        int inFlight = Integer.parseInt(one(options, "in-flight", "256"));
        String body = options.containsKey("body-file") ? Files.readString(Path.of(one(options, "body-file", null)))
                : one(options, "body", null);
        List<String> headers = options.getOrDefault("header", List.of());
        String run = Long.toString(System.currentTimeMillis(), 36);
        if (options.containsKey("closed")) {
            closed(url, method, body, headers, run, Integer.parseInt(one(options, "closed", "16")), seconds, warmUp);
            return;
        }

        ExecutorService executor = Executors.newFixedThreadPool(4);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long total = Math.round((seconds + warmUp) * rate);
        long warmUpCount = Math.round(warmUp * rate);
        long[] latencies = new long[(int) total];
        Arrays.fill(latencies, -1);
        Map<String, AtomicLong> statuses = new TreeMap<>();
        Semaphore slots = new Semaphore(inFlight);
        AtomicLong waited = new AtomicLong();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        long intervalNanos = (long) (1_000_000_000L / rate);
        for (long n = 0; n < total; n++) {
            long due = start + n * intervalNanos;
            long sleep = due - System.nanoTime();
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            }
            if (!slots.tryAcquire()) {
                // saturated: the request waits for a slot, and that wait is part of its latency
                waited.incrementAndGet();
                slots.acquire();
            }
            int index = (int) n;
            CompletableFuture<?> answer = client.sendAsync(request(url, method, body, headers, run, n), HttpResponse.BodyHandlers.discarding())
                    .handle((response, failure) -> {
                        long took = System.nanoTime() - due;
                        String status = failure != null ? "error " + rootCause(failure) : Integer.toString(response.statusCode());
                        synchronized (statuses) {
                            statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                        }
                        latencies[index] = took;
                        slots.release();
                        return null;
                    });
            pending.add(answer);
        }
        long sentBy = System.nanoTime();
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        long done = System.nanoTime();
        executor.shutdownNow();

        long[] measured = Arrays.stream(latencies, (int) warmUpCount, (int) total).filter(l -> l >= 0).sorted().toArray();
        StringBuilder json = new StringBuilder("{");
        json.append("\"url\":\"").append(url.replace("\"", "\\\"")).append("\",\"method\":\"").append(method).append('"');
        json.append(",\"rate\":").append(rate).append(",\"seconds\":").append(seconds).append(",\"warmUpSeconds\":").append(warmUp);
        json.append(",\"requests\":").append(total).append(",\"measured\":").append(measured.length);
        json.append(",\"achievedRate\":").append(round(total / ((sentBy - start) / 1e9)));
        json.append(",\"drainSeconds\":").append(round((done - sentBy) / 1e9));
        json.append(",\"waitedForASlot\":").append(waited.get());
        appendStatusesAndLatencies(json, statuses, measured);
        System.out.println(json);
    }

    private static HttpRequest request(String url, String method, String body, List<String> headers, String run, long n) {
        String sequence = Long.toString(n);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.replace("{n}", sequence).replace("{run}", run)))
                .timeout(Duration.ofSeconds(30));
        for (String header : headers) {
            int colon = header.indexOf(':');
            request.header(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.replace("{n}", sequence).replace("{run}", run), StandardCharsets.UTF_8));
        return request.build();
    }

    /** Saturation: each connection sends its next request when the last is answered. */
    private static void closed(String url, String method, String body, List<String> headers, String run, int connections,
            double seconds, double warmUp) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        AtomicLong sequence = new AtomicLong();
        long measureFrom = System.nanoTime() + (long) (warmUp * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        List<long[]> perThread = new ArrayList<>();
        Map<String, AtomicLong> statuses = new TreeMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            long[] samples = new long[200_000];
            perThread.add(samples);
            Thread thread = new Thread(() -> {
                int count = 0;
                while (System.nanoTime() < end) {
                    long began = System.nanoTime();
                    String status;
                    try {
                        status = Integer.toString(client.send(request(url, method, body, headers, run, sequence.getAndIncrement()),
                                HttpResponse.BodyHandlers.discarding()).statusCode());
                    } catch (Exception e) {
                        status = "error " + rootCause(e);
                    }
                    long now = System.nanoTime();
                    if (began >= measureFrom && now <= end) {
                        synchronized (statuses) {
                            statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                        }
                        if (count < samples.length) {
                            samples[count++] = now - began;
                        }
                    }
                }
                samples[samples.length - 1] = count;
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long[] measured = perThread.stream().flatMapToLong(s -> Arrays.stream(s, 0, (int) s[s.length - 1])).sorted().toArray();
        StringBuilder json = new StringBuilder("{");
        json.append("\"url\":\"").append(url.replace("\"", "\\\"")).append("\",\"method\":\"").append(method).append('"');
        json.append(",\"connections\":").append(connections).append(",\"seconds\":").append(seconds);
        json.append(",\"measured\":").append(measured.length).append(",\"throughput\":").append(round(measured.length / seconds));
        json.append(",\"rate\":0,\"achievedRate\":").append(round(measured.length / seconds));
        appendStatusesAndLatencies(json, statuses, measured);
        System.out.println(json);
    }

    private static void appendStatusesAndLatencies(StringBuilder json, Map<String, AtomicLong> statuses, long[] measured) {
        json.append(",\"statuses\":{");
        String comma = "";
        for (Map.Entry<String, AtomicLong> status : statuses.entrySet()) {
            json.append(comma).append('"').append(status.getKey().replace("\"", "'")).append("\":").append(status.getValue().get());
            comma = ",";
        }
        json.append("},\"latencyMs\":{");
        json.append("\"p50\":").append(percentile(measured, 50)).append(",\"p90\":").append(percentile(measured, 90));
        json.append(",\"p99\":").append(percentile(measured, 99)).append(",\"max\":").append(percentile(measured, 100));
        json.append("}}");
    }

    private static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int index = (int) Math.max(0, Math.ceil(p / 100 * sorted.length) - 1);
        return round(sorted[index] / 1e6);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static Map<String, List<String>> parse(String[] args) throws IOException {
        Map<String, List<String>> options = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            options.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(args[++i]);
        }
        if (!options.containsKey("url")) {
            throw new IllegalArgumentException("--url is required");
        }
        return options;
    }

    private static String one(Map<String, List<String>> options, String name, String otherwise) {
        List<String> values = options.get(name);
        return values == null ? otherwise : values.get(values.size() - 1);
    }
}
