package app.dukkan.identity;

import java.util.List;

/** One page of API keys, newest first, and how many there are in all. */
public record ApiKeyPage(List<ApiKey> items, int page, int size, long total) {

    public ApiKeyPage {
        items = List.copyOf(items);
    }
}
