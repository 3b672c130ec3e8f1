package uk.gov.paas.support.kernel.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import org.hibernate.jpa.HibernateHints;

/**
 * The one shape of a list in every service's API: one page of items, which page (from 0), its size, and the total
 * across all pages. Asked with {@code ?page=0&size=50}; routes bound {@code page} by {@link #MAX_PAGE} and {@code size}
 * by {@link #MAX_SIZE}.
 * <p>
 * The total costs what the page costs, not what is stored: {@link #find} counts no further than the next multiple of
 * {@link #COUNT_STEP} past the page's last item. When there are more, {@code total} is that multiple and
 * {@code totalExact} is false: there are more than {@code total}, and always more than the page's last item, so a
 * client that pages while {@code (page + 1) × size < total} still reaches the end.
 */
public record Paged<T>(List<T> items, int page, int size, long total, boolean totalExact) {

    /** The largest page a client may ask for. */
    public static final int MAX_SIZE = 500;
    /** The last page that may be asked for: beyond it page × size overflows the query's int offset (a negative offset fails). */
    public static final int MAX_PAGE = Integer.MAX_VALUE / MAX_SIZE;
    /** How far a total is counted past the page's last item: to the next multiple of this. */
    public static final int COUNT_STEP = 1000;

    /** A list whose total is exact (counted in full, or known without counting). */
    public Paged(List<T> items, int page, int size, long total) {
        this(items, page, size, total, true);
    }

    public <R> Paged<R> map(Function<T, R> mapper) {
        return new Paged<>(items.stream().map(mapper).toList(), page, size, total, totalExact);
    }

    /** How many pages of this size there are, at least one; when the total is not exact, at least that many. */
    public long pages() {
        return Math.max(1, (total + size - 1) / size);
    }

    /** The total as a person reads it: "57", "1,234", or "1,000+" when counting stopped there. */
    public String totalText() {
        return String.format(Locale.UK, totalExact ? "%,d" : "%,d+", total);
    }

    /** The number of pages as a person reads it: "3", or "20+" when the total was not counted to the end. */
    public String pagesText() {
        return String.format(Locale.UK, totalExact ? "%,d" : "%,d+", pages());
    }

    /** A list's condition in HQL ({@code ""} or {@code " where ..."}) and its named parameters. */
    public record Where(String clause, Map<String, ?> parameters) {

        /**
         * The status filter of a list of things that end resolved (incidents, pages): {@code open} (anything not yet
         * {@code resolved}), {@code all}, or one status, which {@code parse} reads (and refuses as a 400).
         */
        public static Where byStatus(String alias, String asked, Object resolved, Function<String, ?> parse) {
            return switch (asked.toLowerCase(Locale.ROOT)) {
                case "open" -> new Where(" where " + alias + ".status <> :status", Map.of("status", resolved));
                case "all" -> new Where("", Map.of());
                default -> new Where(" where " + alias + ".status = :status", Map.of("status", parse.apply(asked)));
            };
        }
    }

    /**
     * One page of {@code select alias from entity alias <where> order by <orderBy>}, read only (a list changes nothing, so
     * Hibernate keeps no snapshot of its rows), with its total counted as the class says.
     *
     * @param where      empty, or {@code " where ..."} in HQL over {@code alias}, naming its parameters
     * @param parameters the named parameters of {@code where}
     * @param orderBy    HQL over {@code alias}, ending in a unique key so that pages never overlap
     */
    public static <E> Paged<E> find(EntityManager entityManager, Class<E> entity, String alias, String where, Map<String, ?> parameters,
            String orderBy, int page, int size) {
        String from = " from " + entityManager.getMetamodel().entity(entity).getName() + " " + alias + where;
        TypedQuery<E> select = entityManager.createQuery("select " + alias + from + " order by " + orderBy, entity);
        parameters.forEach(select::setParameter);
        long offset = (long) page * size;
        List<E> items = select.setHint(HibernateHints.HINT_READ_ONLY, true).setFirstResult((int) offset).setMaxResults(size).getResultList();
        if (items.size() < size && (!items.isEmpty() || page == 0)) {
            // the last page: everything before it is full, so the total is known without counting
            return new Paged<>(items, page, size, offset + items.size(), true);
        }
        long bound = (offset + size) / COUNT_STEP * COUNT_STEP + COUNT_STEP;
        long counted = countUpTo(entityManager, from, parameters, bound + 1);
        return counted > bound ? new Paged<>(items, page, size, bound, false) : new Paged<>(items, page, size, counted, true);
    }

    /**
     * How many rows {@code from} holds ({@code " from Entity alias where ..."} in HQL), counted no further than
     * {@code cap}: the count costs in proportion to the cap, not to the rows stored.
     */
    public static long countUpTo(EntityManager entityManager, String from, Map<String, ?> parameters, long cap) {
        // HQL takes a limit in a subquery only with an order: ordering by the constant sorts nothing
        TypedQuery<Long> count = entityManager.createQuery("select count(*) from (select 1 as one" + from + " order by 1 fetch first :countCap rows only) counted",
                Long.class);
        parameters.forEach(count::setParameter);
        return count.setParameter("countCap", (int) Math.min(cap, Integer.MAX_VALUE)).getSingleResult();
    }
}
