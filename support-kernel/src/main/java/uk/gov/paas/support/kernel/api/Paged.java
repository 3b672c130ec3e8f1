package uk.gov.paas.support.kernel.api;

import java.util.List;
import java.util.function.Function;

/**
 * The one shape of a list in every service's API: one page of items, which page (from 0), its size, and the total
 * across all pages. Asked with {@code ?page=0&size=50}; routes bound
 * {@code page} by {@link #MAX_PAGE} and {@code size} by {@link #MAX_SIZE}.
 */
public record Paged<T>(List<T> items, int page, int size, long total) {

    /** The largest page a client may ask for. */
    public static final int MAX_SIZE = 500;
    /** The last page that may be asked for: beyond it page × size overflows the query's int offset (a negative offset fails). */
    public static final int MAX_PAGE = Integer.MAX_VALUE / MAX_SIZE;

    public <R> Paged<R> map(Function<T, R> mapper) {
        return new Paged<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
