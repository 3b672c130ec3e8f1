package uk.gov.paas.support.ticket.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import uk.gov.paas.support.kernel.api.Paged;
import uk.gov.paas.support.kernel.problem.ApiProblem;
import uk.gov.paas.support.kernel.targets.Severity;
import uk.gov.paas.support.ticket.config.TicketConfig;
import uk.gov.paas.support.ticket.domain.Ticket;
import uk.gov.paas.support.ticket.domain.TicketStatus;

/**
 * The queues: a view (all, triage, product, mine) narrowed by filters, sorted nearest breach first by default (the
 * stored nearest due time; tickets with nothing due come last), one page at a time with the total.
 */
@ApplicationScoped
public class TicketQueries {

    public static final List<String> VIEWS = List.of("all", "triage", "product", "mine");
    public static final List<String> SORTS = List.of("breach", "newest", "updated");

    /** A checked query: a JPQL condition with its parameters, and the order. */
    public record Filter(String where, Map<String, Object> parameters, String orderBy) {
    }

    private final EntityManager entityManager;
    private final TicketConfig config;

    TicketQueries(EntityManager entityManager, TicketConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    /**
     * Builds a filter from the query parameters; anything unknown is a 400 naming the parameter and the valid values.
     * status: one or more statuses separated by commas, or {@code unsolved} (everything not SOLVED or CLOSED); none: all.
     */
    public Filter filter(String view, String status, String group, String tag, String priority, String assignee, String organisation, String sort,
            Actor me) {
        List<String> where = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        switch (view.toLowerCase(Locale.ROOT)) {
            case "all" -> {
            }
            case "triage" -> {
                where.add("t.group = :triage and t.status <> :closed");
                parameters.put("triage", config.triageGroup());
                parameters.put("closed", TicketStatus.CLOSED);
            }
            case "product" -> {
                where.add(":product member of t.tags");
                parameters.put("product", config.productTag());
            }
            case "mine" -> {
                where.add("t.assignee = :me");
                parameters.put("me", me.name().toLowerCase(Locale.ROOT));
            }
            default -> throw ApiProblem.invalidField("view", "'" + view + "' is not one of " + String.join(", ", VIEWS));
        }
        if (status != null && !status.isBlank()) {
            if (status.equalsIgnoreCase("unsolved")) {
                where.add("t.status not in (:finished)");
                parameters.put("finished", List.of(TicketStatus.SOLVED, TicketStatus.CLOSED));
            } else {
                where.add("t.status in (:statuses)");
                parameters.put("statuses", Arrays.stream(status.split(",")).map(String::strip).map(TicketQueries::status).toList());
            }
        }
        if (group != null && !group.isBlank()) {
            if (!config.groups().contains(group)) {
                throw ApiProblem.invalidField("group", "unknown group '" + group + "'; groups: " + String.join(", ", config.groups()));
            }
            where.add("t.group = :group");
            parameters.put("group", group);
        }
        if (tag != null && !tag.isBlank()) {
            if (!config.tags().contains(tag)) {
                throw ApiProblem.invalidField("tag", "unknown tag '" + tag + "'; valid tags: " + config.tags().stream().sorted().collect(Collectors.joining(", ")));
            }
            where.add(":tag member of t.tags");
            parameters.put("tag", tag);
        }
        if (priority != null && !priority.isBlank()) {
            if (priority.equalsIgnoreCase("NONE")) {
                where.add("t.priority is null");
            } else {
                try {
                    parameters.put("priority", Severity.parse(priority));
                } catch (IllegalArgumentException e) {
                    throw ApiProblem.invalidField("priority", "must be one of P1, P2, P3, P4, NONE");
                }
                where.add("t.priority = :priority");
            }
        }
        if (assignee != null && !assignee.isBlank()) {
            if (assignee.equalsIgnoreCase("none")) {
                where.add("t.assignee is null");
            } else {
                where.add("t.assignee = :assignee");
                parameters.put("assignee", assignee.strip().toLowerCase(Locale.ROOT));
            }
        }
        if (organisation != null && !organisation.isBlank()) {
            where.add("t.organisation = :organisation");
            parameters.put("organisation", organisation.strip());
        }
        String orderBy = switch (sort.toLowerCase(Locale.ROOT)) {
            case "breach" -> "t.slaDueAt asc nulls last, t.id asc";
            case "newest" -> "t.createdAt desc, t.id desc";
            case "updated" -> "t.updatedAt desc, t.id desc";
            default -> throw ApiProblem.invalidField("sort", "'" + sort + "' is not one of " + String.join(", ", SORTS));
        };
        return new Filter(where.isEmpty() ? "" : " where " + String.join(" and ", where), parameters, orderBy);
    }

    /** One page of a filter's tickets, with the total counted as {@link Paged#find} does. */
    public Paged<Ticket> find(Filter filter, int page, int size) {
        return Paged.find(entityManager, Ticket.class, "t", filter.where(), filter.parameters(), filter.orderBy(), page, size);
    }

    /**
     * How many tickets a filter holds, counted up to {@code cap} (a queue's number in the console: "1,000+" past it), so
     * that a page's counts cost in proportion to the cap, not to every ticket ever stored.
     */
    public long countUpTo(Filter filter, int cap) {
        return Paged.countUpTo(entityManager, " from Ticket t" + filter.where(), filter.parameters(), cap);
    }

    private static TicketStatus status(String text) {
        try {
            return TicketStatus.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("status", "'" + text + "' is not one of unsolved, " + Arrays.stream(TicketStatus.values()).map(Enum::name)
                    .collect(Collectors.joining(", ")));
        }
    }
}
