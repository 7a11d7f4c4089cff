package app.dukkan.recommendations.sales;

import app.dukkan.catalog.ProductCards;
import app.dukkan.identity.UserId;
import app.dukkan.recommendations.RecentlyViewed;
import app.dukkan.recommendations.Recommendations;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Recommendations from the precomputed counts: a product's partners are one index range of
 * {@code recommendation_pairs}; the popular products of the last 30 days are ranked once a minute
 * per instance (the same list for everybody). Cards come from the catalog in one statement per kind,
 * so they show today's price and stock.
 */
@Service
class SalesRecommendations implements Recommendations {

    static final int POPULAR_DAYS = 30;

    /** How many of the user's last viewed products stand for their taste. */
    private static final int TASTE = 5;

    /**
     * The user's last viewed products are never picked for them, all that are kept: the home page
     * lists what they looked at last beside the picks.
     */
    private static final int RECENT = RecentlyViewed.KEPT;

    /** Partners asked for beyond the limit, for those the catalog no longer shows. */
    private static final int SPARE = 4;

    /**
     * Orders a pair must be in before it is shown as bought together: anyone can read the list, and
     * a pair from one order would tell the rest of one person's basket to whoever knows one item.
     */
    static final int MIN_ORDERS_TOGETHER = 3;

    private final ProductCards cards;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final LoadingCache<Boolean, List<UUID>> popular;

    SalesRecommendations(ProductCards cards, JdbcClient jdbc, Clock clock, MeterRegistry registry) {
        this.cards = cards;
        this.jdbc = jdbc;
        this.clock = clock;
        this.popular = Caffeine.newBuilder()
                .refreshAfterWrite(Duration.ofMinutes(1))
                .recordStats()
                .build(key -> popularIds());
        CaffeineCacheMetrics.monitor(registry, popular, "recommendations.popular");
    }

    @Override
    public List<Recommended> forProduct(UUID productId, int limit) {
        Picks picks = new Picks(limit, Set.of(productId));
        List<UUID> partners = jdbc.sql("""
                        select other_id from recommendation_pairs
                        where product_id = ? and orders >= ?
                        order by orders desc, other_id
                        limit ?""")
                .params(productId, MIN_ORDERS_TOGETHER, limit + SPARE)
                .query(UUID.class)
                .list();
        picks.addPartnersThenCategory(partners, cards.firstThenSameCategory(productId, partners, Set.of(), limit));
        return picks.withPopular();
    }

    @Override
    public List<Recommended> forHome(@Nullable UserId user, int limit) {
        if (user == null) {
            return new Picks(limit, Set.of()).withPopular();
        }
        List<UUID> recent =
                jdbc.sql("""
                        select product_id from recently_viewed where user_id = ?
                        order by viewed_at desc limit ?""").params(user.value(), RECENT).query(UUID.class).list();
        List<UUID> viewed = recent.subList(0, Math.min(TASTE, recent.size()));
        Picks picks = new Picks(limit, Set.copyOf(recent));
        if (!viewed.isEmpty()) {
            List<UUID> partners = jdbc.sql("""
                            select other_id from recommendation_pairs
                            where product_id = any(:viewed) and other_id <> all(:recent) and orders >= :least
                            group by other_id
                            order by sum(orders) desc, other_id
                            limit :limit""")
                    .param("viewed", viewed.toArray(UUID[]::new))
                    .param("recent", recent.toArray(UUID[]::new))
                    .param("least", MIN_ORDERS_TOGETHER)
                    .param("limit", limit + SPARE)
                    .query(UUID.class)
                    .list();
            picks.addPartnersThenCategory(
                    partners, cards.firstThenSameCategory(viewed.get(0), partners, recent, limit));
        }
        return picks.withPopular();
    }

    private List<UUID> popularIds() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return jdbc.sql("""
                        select product_id from recommendation_sales
                        where day > ? and units > 0
                        group by product_id
                        order by sum(units) desc, product_id
                        limit ?""")
                .params(Date.valueOf(today.minusDays(POPULAR_DAYS)), MAX_LIMIT + SPARE + RECENT)
                .query(UUID.class)
                .list();
    }

    /** Recommendations chosen so far: each product once, never an excluded one, at most the limit. */
    private final class Picks {
        private final int limit;
        private final Set<UUID> excluded;
        private final List<Recommended> chosen = new ArrayList<>();
        private final Set<UUID> chosenIds = new HashSet<>();

        Picks(int limit, Set<UUID> excluded) {
            this.limit = limit;
            this.excluded = excluded;
        }

        /** Cards of the partners (bought together) followed by the category's. */
        void addPartnersThenCategory(List<UUID> partners, List<ProductCards.Card> candidates) {
            Set<UUID> bought = Set.copyOf(partners);
            for (ProductCards.Card candidate : candidates) {
                add(
                        bought.contains(candidate.id()) ? Reason.BOUGHT_TOGETHER : Reason.SAME_CATEGORY,
                        List.of(candidate));
            }
        }

        void add(Reason reason, List<ProductCards.Card> candidates) {
            for (ProductCards.Card candidate : candidates) {
                if (full()) {
                    return;
                }
                if (!excluded.contains(candidate.id()) && chosenIds.add(candidate.id())) {
                    chosen.add(new Recommended(candidate.card(), reason));
                }
            }
        }

        /**
         * Fills up with the popular products that are not excluded or chosen, those in stock first
         * (a sold-out one only when too few others sold), and answers the picks.
         */
        List<Recommended> withPopular() {
            if (!full()) {
                List<UUID> candidates = popular.get(Boolean.TRUE).stream()
                        .filter(id -> !excluded.contains(id) && !chosenIds.contains(id))
                        .toList();
                List<ProductCards.Card> found = cards.byIds(candidates);
                add(
                        Reason.POPULAR,
                        found.stream().filter(card -> card.card().inStock()).toList());
                add(
                        Reason.POPULAR,
                        found.stream().filter(card -> !card.card().inStock()).toList());
            }
            return List.copyOf(chosen);
        }

        boolean full() {
            return chosen.size() >= limit;
        }

        int missing() {
            return limit - chosen.size();
        }
    }
}
