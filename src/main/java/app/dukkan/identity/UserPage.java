package app.dukkan.identity;

import java.util.List;

/** One page of accounts, newest first, with the number of accounts the query matches. */
public record UserPage(List<ManagedUser> items, int page, int size, long total) {

    public UserPage {
        items = List.copyOf(items);
    }
}
