package uk.gov.paas.support.kernel.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * README.md's "Layout" section matches the tree: the first word of each unindented line of its block is a path that
 * exists, every top-level folder and every {@code .ci/} script has a line (what npm installs under {@code .ci/} aside),
 * and each path named in backticks below the block ({@code ticket-service/.../service/TicketSla.java}, {@code ...}
 * standing for any folders) names a real file.
 */
class ReadmeLayoutTest {

    private static final Set<String> NOT_SOURCE = Set.of("target", "node_modules");
    private static final Pattern BACKTICKED = Pattern.compile("`([^`\\s]+)`");

    @Test
    void theLayoutSectionNamesOnlyPathsThatExistAndEveryTopLevelFolder() throws IOException {
        Path readme = ServiceConventionsContract.readme();
        Path root = readme.getParent();
        String section = section(Files.readString(readme));
        int open = section.indexOf("```");
        int close = section.indexOf("```", open + 3);
        assertTrue(open >= 0 && close > open, "README.md's Layout section has no ``` block");

        List<String> problems = new ArrayList<>();
        List<String> listed = new ArrayList<>();
        for (String line : section.substring(open + 3, close).split("\n")) {
            if (line.isBlank() || Character.isWhitespace(line.charAt(0))) {
                continue;
            }
            String path = line.split("\\s+")[0];
            listed.add(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
            if (!Files.exists(root.resolve(path))) {
                problems.add("the block names " + path + ", which does not exist");
            }
        }
        try (Stream<Path> top = Files.list(root)) {
            top.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith(".") && !NOT_SOURCE.contains(name))
                    .filter(name -> listed.stream().noneMatch(l -> l.equals(name) || l.startsWith(name + "/")))
                    .forEach(name -> problems.add("the block has no line for the folder " + name + "/"));
        }
        try (Stream<Path> ci = Files.walk(root.resolve(".ci"))) {
            ci.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(name -> !name.contains("/node_modules/"))
                    .filter(name -> !listed.contains(name))
                    .forEach(name -> problems.add("the block has no line for " + name));
        }
        Matcher named = BACKTICKED.matcher(section.substring(close + 3));
        int checked = 0;
        while (named.find()) {
            String path = named.group(1);
            if (path.contains("/") && (path.contains("...") || path.matches(".*\\.[a-z]+"))) {
                checked++;
                if (!exists(root, path)) {
                    problems.add("the text names " + path + ", which matches no file");
                }
            }
        }
        assertFalse(listed.isEmpty() || checked == 0, "nothing was checked: is the Layout section still written as this test reads it?");
        assertTrue(problems.isEmpty(), "README.md's Layout section does not match the tree:\n  " + String.join("\n  ", problems));
    }

    /** The section from "## Layout" to the next second-level heading. */
    private static String section(String readme) {
        int start = readme.indexOf("\n## Layout\n");
        assertTrue(start >= 0, "README.md has no '## Layout' section");
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    /** {@code a/.../b/C.java}: a file under {@code a} whose path ends in {@code /b/C.java}; otherwise the path itself. */
    private static boolean exists(Path root, String path) throws IOException {
        int dots = path.indexOf("/.../");
        if (dots < 0) {
            return Files.exists(root.resolve(path));
        }
        Path base = root.resolve(path.substring(0, dots));
        String tail = "/" + path.substring(dots + 5);
        if (!Files.isDirectory(base)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(base)) {
            return files.anyMatch(p -> p.toString().replace('\\', '/').endsWith(tail) && !p.toString().contains("/target/"));
        }
    }
}
