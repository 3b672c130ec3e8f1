package uk.gov.paas.support.kernel.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.arc.properties.IfBuildProperty;

/**
 * The README-versus-annotations check itself, on small resources and tables made here. The resources are never built
 * into the kernel's test application (a build property nothing sets), so they serve nothing and stay out of its table.
 */
class AccessTableTest {

    private static final String NEVER = "support.access-table-test.fixtures";

    @IfBuildProperty(name = NEVER, stringValue = "served")
    @Path("/api/things")
    @RolesAllowed({"agent", "admin"})
    static class Things {
        @GET
        public String list() {
            return "";
        }

        @GET
        @Path("/{id: \\d+}")
        @RolesAllowed({"agent", "admin", "service"})
        public String get() {
            return "";
        }

        @POST
        @Path("/{id}/hook")
        @PermitAll
        public String hook() {
            return "";
        }

        public String notARoute() {
            return "";
        }
    }

    @IfBuildProperty(name = NEVER, stringValue = "served")
    @Path("/api/bare")
    static class Bare {
        @DELETE
        public void remove() {
        }
    }

    private static List<String> readme(String... rows) {
        List<String> lines = new java.util.ArrayList<>(List.of("# x", "", AccessTable.SECTION, "", "### thing-service", "",
                "| route | roles | what |", "|---|---|---|"));
        lines.addAll(List.of(rows));
        lines.addAll(List.of("", "## Layout", "| `GET /elsewhere` | anonymous | not part of the tables |"));
        return lines;
    }

    @Test
    void aTableThatSaysWhatTheAnnotationsSayHasNoDifferences() {
        List<String> readme = readme(
                "| `GET /api/things?page=&size=` | agent, admin | list |",
                "| `GET /api/things/{thing}` | service, agent (notes, with a comma), admin | one; parameters named freely |",
                "| `POST /api/things/{id}/hook` (+ body `a\\|b`) | anonymous (signed link) | the hook |");
        assertEquals(List.of(), AccessTable.differences(readme, "thing-service", List.of(Things.class)));
    }

    @Test
    void eachKindOfDriftIsNamed() {
        List<String> readme = readme(
                "| `GET /api/things` | tenant, agent, admin | list |",
                "| `POST /api/things/{id}/hook` | anonymous | the hook |",
                "| `GET /api/gone` | admin | no longer served |");
        List<String> differences = AccessTable.differences(readme, "thing-service", List.of(Things.class));
        assertEquals(3, differences.size(), differences.toString());
        assertTrue(differences.get(0).startsWith("roles differ: README.md line 9 says GET /api/things lets in tenant, agent, admin,"
                + " but Things.list lets in agent, admin"), differences.get(0));
        assertTrue(differences.get(1).startsWith("missing from the README: GET /api/things/{} (Things.get) lets in agent, admin, service;"
                + " add under '### thing-service': | `GET /api/things/{id: \\d+}` | agent, admin, service |"), differences.get(1));
        assertTrue(differences.get(2).startsWith("not a route of thing-service: README.md line 11 lists GET /api/gone"), differences.get(2));
    }

    @Test
    void onlyTheApplicationsOwnHeadingAndEveryServiceCount() {
        List<String> readme = readme("| `GET /api/things` | agent, admin | list |");
        readme.addAll(readme.indexOf("## Layout"), List.of("### other-service", "| `GET /api/other` | admin | x |",
                "### " + AccessTable.EVERY_SERVICE, "| `DELETE /api/bare` | admin | x |"));
        List<String> differences = AccessTable.differences(readme, "thing-service", List.of(Bare.class));
        assertEquals(2, differences.size(), differences.toString());
        assertTrue(differences.get(0).startsWith("Bare.remove has no @RolesAllowed or @PermitAll"), differences.get(0));
        assertTrue(differences.get(1).startsWith("not a route of thing-service: README.md line 9 lists GET /api/things"), differences.get(1));
    }

    @Test
    void rowsItCannotReadAreNamedNotSkipped() {
        List<String> readme = readme(
                "| `GET`/`POST /api/things` | agent, admin | two routes in one row |",
                "| `GET /api/things` | any | an unknown word |",
                "| `POST /api/things/{id}/hook` | anonymous, admin | anonymous with a role |",
                "| `GET /api/things/{id}` | agent | three | cells? |",
                "| `GET /api/things` | agent, admin | again |",
                "| `GET /api/things` | agent, admin | and again |");
        List<String> differences = AccessTable.differences(readme, "thing-service", List.of(Things.class));
        assertTrue(differences.stream().anyMatch(d -> d.startsWith("README.md line 9: the route cell must start with one `METHOD /path`")),
                differences.toString());
        assertTrue(differences.stream().anyMatch(d -> d.startsWith("README.md line 10: 'any' is not a role")), differences.toString());
        assertTrue(differences.stream().anyMatch(d -> d.startsWith("README.md line 11: 'anonymous' lets everyone in")), differences.toString());
        assertTrue(differences.stream().anyMatch(d -> d.startsWith("README.md line 12: a row has three cells")), differences.toString());
        assertTrue(differences.stream().anyMatch(d -> d.equals("README.md line 14: GET /api/things is already listed at README.md line 13")),
                differences.toString());
    }

    @Test
    void aReadmeWithoutTheSectionSaysSo() {
        assertEquals(List.of("README.md has no '" + AccessTable.SECTION + "' section"),
                AccessTable.differences(List.of("# x"), "thing-service", List.of()));
    }
}
