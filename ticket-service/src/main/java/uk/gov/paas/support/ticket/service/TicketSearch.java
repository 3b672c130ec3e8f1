package uk.gov.paas.support.ticket.service;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.jpa.HibernateHints;

import uk.gov.paas.support.kernel.api.Paged;
import uk.gov.paas.support.kernel.problem.ApiProblem;
import uk.gov.paas.support.ticket.domain.Ticket;

/**
 * Full-text search over tickets for agents: subjects, descriptions, and every comment (public replies and internal
 * notes), with PostgreSQL's English text search on stored, GIN-indexed tsvectors (migration
 * {@code V2026.12.07.1__ticket_search}). The words are read as a web search engine reads them ({@code websearch_to_tsquery}:
 * {@code "exact phrase"}, {@code -without}, {@code or}). A ticket matches when its subject or description does or any of
 * its comments does; the best-ranked match orders it (a subject counts most), newest first among equals. A query that is
 * a ticket number ({@code 123} or {@code #123}) also finds that ticket first.
 */
@ApplicationScoped
public class TicketSearch {

    static final int MAX_QUERY = 200;

    private final EntityManager entityManager;

    TicketSearch(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** One page of the tickets matching {@code text}, best first. */
    public Paged<Ticket> search(String text, int page, int size) {
        String q = text == null ? "" : text.strip();
        if (q.isEmpty()) {
            throw ApiProblem.invalidField("q", "enter words to search for");
        }
        if (q.length() > MAX_QUERY || q.chars().anyMatch(c -> Character.isISOControl(c))) {
            throw ApiProblem.invalidField("q", "must be at most " + MAX_QUERY + " characters, without control characters");
        }
        Long number = q.matches("#?\\d{1,18}") ? Long.valueOf(q.replace("#", "")) : null;
        String hits = """
                with query as (select websearch_to_tsquery('english', :q) as q),
                hits as (
                    select t.id, ts_rank(t.search, query.q) * 2 as rank from ticket t, query where t.search @@ query.q
                    union all
                    select c.ticket_id, ts_rank(c.search, query.q) from ticket_comment c, query where c.search @@ query.q
                    union all
                    select t.id, 1000 from ticket t where t.id = :number
                )
                """;
        // one pass: the page and, counted over the same groups before the limit, how many tickets match (a second
        // statement only when the page is past the end and so has no row to carry the count)
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(hits + """
                select id, max(rank) as best, count(*) over () as total from hits group by id order by best desc, id desc limit :size offset :offset
                """).setParameter("q", q).setParameter("number", number == null ? -1L : number).setParameter("size", size)
                .setParameter("offset", (long) page * size).getResultList();
        long total = !rows.isEmpty() ? ((Number) rows.get(0)[2]).longValue()
                : ((Number) entityManager.createNativeQuery(hits + "select count(distinct id) from hits").setParameter("q", q)
                        .setParameter("number", number == null ? -1L : number).getSingleResult()).longValue();
        List<Long> ids = rows.stream().map(r -> ((Number) r[0]).longValue()).toList();
        if (ids.isEmpty()) {
            return new Paged<>(List.of(), page, size, total);
        }
        Map<Long, Ticket> byId = entityManager.createQuery("select t from Ticket t where t.id in :ids", Ticket.class).setParameter("ids", ids)
                .setHint(HibernateHints.HINT_READ_ONLY, true).getResultStream().collect(Collectors.toMap(t -> t.id, Function.identity()));
        return new Paged<>(ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList(), page, size, total);
    }

}
