package uk.gov.paas.support.kernel.api;

import java.util.List;
import java.util.function.Function;

/**
 * The one shape of a list in every service's API: one page of items, which page (from 0), its size, and the total
 * across all pages. Asked with {@code ?page=0&size=50}.
 */
public record Paged<T>(List<T> items, int page, int size, long total) {

    public <R> Paged<R> map(Function<T, R> mapper) {
        return new Paged<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
