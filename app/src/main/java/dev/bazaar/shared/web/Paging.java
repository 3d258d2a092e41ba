package dev.bazaar.shared.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The {@code ?page=&size=} of a list request: page from 0, size 1..100 (default 0 and 20). Bind it as a controller
 * parameter ({@code @Valid Paging paging}); out-of-range values and non-numbers are a 400 with the fields' errors.
 */
public record Paging(@Min(0) Integer page, @Min(1) @Max(MAX_SIZE) Integer size) {

    public static final int MAX_SIZE = 100;

    public Paging {
        page = page == null ? 0 : page;
        size = size == null ? 20 : size;
    }

    public long offset() {
        return (long) page * size;
    }

    public <T> PageResponse<T> of(java.util.List<T> items, long total) {
        return new PageResponse<>(items, page, size, total);
    }
}
