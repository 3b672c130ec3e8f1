package uk.gov.paas.support.kernel.testing;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import io.quarkus.security.Authenticated;

/**
 * The README's "API at a glance" tables against the code's {@code @RolesAllowed} / {@code @PermitAll}: every JAX-RS
 * resource method of a service must have exactly one row, under the heading of its service (or "Every service" for the
 * kernel's resources), naming the roles its annotations let in. {@link #differences} lists what disagrees, each line
 * saying what to change.
 */
public final class AccessTable {

    /** The section of README.md the tables live in. */
    public static final String SECTION = "## API at a glance";
    /** The sub-heading of the routes every service serves (the kernel's resources). */
    public static final String EVERY_SERVICE = "Every service";
    /** The words a roles cell may use, in the order rows print them; {@code anonymous} is {@code @PermitAll}. */
    public static final List<String> VOCABULARY = List.of("tenant", "agent", "admin", "service", "anonymous");
    private static final String ANONYMOUS = "anonymous";
    /** The kernel's resources (not its test helpers') are served by every service: their rows go under {@link #EVERY_SERVICE}. */
    private static final String KERNEL = "uk.gov.paas.support.kernel.";

    /** One route: an HTTP method and a path template whose parameters are all written {@code {}}. */
    public record Route(String method, String path) implements Comparable<Route> {
        @Override
        public int compareTo(Route other) {
            return Comparator.comparing(Route::path).thenComparing(Route::method).compare(this, other);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Who may call a route, and where that was said (a method of the code, or a line of README.md). */
    public record Access(Route route, String shown, Set<String> roles, String where, boolean everyService) {
    }

    /** The routes one side declares, and what could not be read on that side. */
    public record Side(Map<Route, Access> routes, List<String> problems) {
    }

    private static final Pattern ROUTE_CELL = Pattern.compile("^`([A-Z]+) (/[^`?]*)(\\?[^`]*)?`.*$");
    private static final Pattern PARAMETER = Pattern.compile("\\{[^}]*\\}");
    private static final Pattern UNESCAPED_PIPE = Pattern.compile("(?<!\\\\)\\|");

    private AccessTable() {
    }

    /**
     * What the README and the code disagree on for one application: its own heading's rows plus "Every service"'s,
     * against the given resource classes. Empty when they agree.
     */
    public static List<String> differences(List<String> readme, String application, Collection<Class<?>> resourceClasses) {
        Side code = fromCode(resourceClasses);
        Side doc = fromReadme(readme, application);
        List<String> out = new ArrayList<>(code.problems());
        out.addAll(doc.problems());
        for (Access inCode : sorted(code.routes())) {
            Access inDoc = doc.routes().get(inCode.route());
            if (inCode.roles().isEmpty()) {
                continue;
            }
            if (inDoc == null) {
                String heading = inCode.everyService() ? EVERY_SERVICE : application;
                out.add("missing from the README: " + inCode.route() + " (" + inCode.where() + ") lets in " + roles(inCode.roles())
                        + "; add under '### " + heading + "': | `" + inCode.route().method() + " " + inCode.shown() + "` | "
                        + roles(inCode.roles()) + " | what it does |");
            } else if (!inDoc.roles().equals(inCode.roles())) {
                out.add("roles differ: " + inDoc.where() + " says " + inCode.route() + " lets in " + roles(inDoc.roles())
                        + ", but " + inCode.where() + " lets in " + roles(inCode.roles()));
            }
        }
        for (Access inDoc : sorted(doc.routes())) {
            if (!code.routes().containsKey(inDoc.route())) {
                out.add("not a route of " + application + ": " + inDoc.where() + " lists " + inDoc.route()
                        + "; no resource method serves it (remove the row, fix its path, or move it under its service's heading)");
            }
        }
        return out;
    }

    /** The JAX-RS resource classes of the running application (inside a {@code @QuarkusTest}), found among its beans. */
    public static List<Class<?>> resourceBeans() {
        return io.quarkus.arc.Arc.container().beanManager().getBeans(Object.class, jakarta.enterprise.inject.Any.Literal.INSTANCE)
                .stream().map(jakarta.enterprise.inject.spi.Bean::getBeanClass)
                .filter(c -> c.isAnnotationPresent(Path.class) && !c.isInterface()).distinct()
                .collect(java.util.stream.Collectors.toList());
    }

    /** Every HTTP method of the given resource classes, with the roles its annotations let in. */
    public static Side fromCode(Collection<Class<?>> resourceClasses) {
        Map<Route, Access> routes = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Class<?> resource : resourceClasses) {
            Path classPath = resource.getAnnotation(Path.class);
            if (classPath == null || resource.isInterface()) {
                continue;
            }
            Set<String> seen = new HashSet<>();
            for (Class<?> c = resource; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Method method : c.getDeclaredMethods()) {
                    if (method.isSynthetic() || method.isBridge() || Modifier.isStatic(method.getModifiers())
                            || !seen.add(method.getName() + Arrays.toString(method.getParameterTypes()))) {
                        continue;
                    }
                    String where = resource.getSimpleName() + "." + method.getName();
                    String httpMethod = httpMethod(method);
                    Path methodPath = method.getAnnotation(Path.class);
                    if (httpMethod == null) {
                        if (methodPath != null) {
                            problems.add(where + " is a sub-resource locator, which this check does not follow: give it an HTTP method");
                        }
                        continue;
                    }
                    String shown = join(classPath.value(), methodPath == null ? "" : methodPath.value());
                    Route route = new Route(httpMethod, normalise(shown));
                    // a method whose roles cannot be named is a problem already; its route stays, so its row is not "no route"
                    Set<String> roles = roles(method, resource, where, problems);
                    Access access = new Access(route, shown, roles == null ? Set.of() : roles, where,
                            isKernel(resource));
                    Access earlier = routes.putIfAbsent(route, access);
                    if (earlier != null && !earlier.roles().equals(access.roles())) {
                        problems.add(route + " is served by " + earlier.where() + " (" + roles(earlier.roles()) + ") and by " + where
                                + " (" + roles(access.roles()) + "), which disagree: one README row cannot say both");
                    }
                }
            }
        }
        return new Side(routes, problems);
    }

    /** The rows of the README tables under {@code ### application} and {@code ### Every service}. */
    public static Side fromReadme(List<String> readme, String application) {
        Map<Route, Access> routes = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        int start = readme.indexOf(SECTION);
        if (start < 0) {
            problems.add("README.md has no '" + SECTION + "' section");
            return new Side(routes, problems);
        }
        boolean ours = false;
        for (int i = start + 1; i < readme.size(); i++) {
            String line = readme.get(i).strip();
            if (line.startsWith("## ")) {
                break;
            }
            if (line.startsWith("### ")) {
                String heading = line.substring(4).strip();
                ours = heading.equals(EVERY_SERVICE) || heading.equals(application) || heading.startsWith(application + " ");
                continue;
            }
            if (!ours || !line.startsWith("|")) {
                continue;
            }
            String where = "README.md line " + (i + 1);
            List<String> cells = cells(line);
            if (cells.isEmpty() || cells.get(0).equals("route") || cells.get(0).matches(":?-+:?")) {
                continue;
            }
            if (cells.size() != 3) {
                problems.add(where + ": a row has three cells (route | roles | what), this one has " + cells.size() + ": " + line);
                continue;
            }
            Matcher m = ROUTE_CELL.matcher(cells.get(0));
            if (!m.matches() || m.group(2).replaceAll("\\{[^}]*\\}", "{}").matches(".*\\s.*")) {
                problems.add(where + ": the route cell must start with one `METHOD /path` in backticks (one route per row,"
                        + " query after '?'), not: " + cells.get(0));
                continue;
            }
            Set<String> roles = readRoles(cells.get(1), where, problems);
            if (roles == null) {
                continue;
            }
            Route route = new Route(m.group(1), normalise(m.group(2)));
            Access earlier = routes.putIfAbsent(route, new Access(route, m.group(2), roles, where, false));
            if (earlier != null) {
                problems.add(where + ": " + route + " is already listed at " + earlier.where());
            }
        }
        return new Side(routes, problems);
    }

    /** A path template with its parameters' names (and regular expressions) dropped, so README may name them freely. */
    public static String normalise(String path) {
        String p = PARAMETER.matcher(path).replaceAll("{}").replaceAll("/{2,}", "/");
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** Roles as a README cell writes them: the vocabulary's order, comma-separated. */
    public static String roles(Set<String> roles) {
        List<String> ordered = new ArrayList<>(roles);
        ordered.sort(Comparator.comparingInt(VOCABULARY::indexOf));
        return String.join(", ", ordered);
    }

    private static boolean isKernel(Class<?> resource) {
        return resource.getPackageName().startsWith(KERNEL) && !resource.getPackageName().equals(AccessTable.class.getPackageName());
    }

    private static List<Access> sorted(Map<Route, Access> routes) {
        return routes.values().stream().sorted(Comparator.comparing(Access::route)).toList();
    }

    private static String join(String classPath, String methodPath) {
        return ("/" + classPath + "/" + methodPath).replaceAll("/{2,}", "/").replaceAll("(.)/$", "$1");
    }

    private static String httpMethod(Method method) {
        for (Annotation a : method.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** The method's own security annotation, else its class's; null (and a problem) when neither has one it can name. */
    private static Set<String> roles(Method method, Class<?> resource, String where, List<String> problems) {
        for (AnnotatedElement e : List.of(method, resource)) {
            if (e.isAnnotationPresent(PermitAll.class)) {
                return Set.of(ANONYMOUS);
            }
            RolesAllowed allowed = e.getAnnotation(RolesAllowed.class);
            if (allowed != null) {
                return new LinkedHashSet<>(Arrays.asList(allowed.value()));
            }
            if (e.isAnnotationPresent(DenyAll.class) || e.isAnnotationPresent(Authenticated.class)) {
                problems.add(where + " uses @DenyAll or @Authenticated, for which the README's table has no word: use @RolesAllowed");
                return null;
            }
        }
        problems.add(where + " has no @RolesAllowed or @PermitAll (on it or its class), so deny-unannotated-endpoints refuses everyone:"
                + " annotate it");
        return null;
    }

    private static Set<String> readRoles(String cell, String where, List<String> problems) {
        Set<String> roles = new LinkedHashSet<>();
        for (String item : splitOutsideBrackets(cell)) {
            String word = item.replaceAll("\\(.*\\)", "").strip();
            if (!VOCABULARY.contains(word)) {
                problems.add(where + ": '" + item.strip() + "' is not a role; write a comma list of " + String.join(", ", VOCABULARY)
                        + " (a note in brackets may follow a word)");
                return null;
            }
            roles.add(word);
        }
        if (roles.contains(ANONYMOUS) && roles.size() > 1) {
            problems.add(where + ": 'anonymous' lets everyone in, so it stands alone: " + cell);
            return null;
        }
        return roles;
    }

    private static List<String> splitOutsideBrackets(String cell) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char ch : cell.toCharArray()) {
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            }
            if (ch == ',' && depth == 0) {
                items.add(current.toString());
                current.setLength(0);
            } else {
                current.append(ch);
            }
        }
        items.add(current.toString());
        return items;
    }

    private static List<String> cells(String row) {
        String inner = row.strip();
        inner = inner.substring(1, inner.endsWith("|") && inner.length() > 1 ? inner.length() - 1 : inner.length());
        return Arrays.stream(UNESCAPED_PIPE.split(inner, -1)).map(c -> c.replace("\\|", "|").strip()).toList();
    }
}
