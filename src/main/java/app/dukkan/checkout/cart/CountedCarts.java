package app.dukkan.checkout.cart;

import app.dukkan.checkout.CartFigures;
import app.dukkan.platform.FigureCounters;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

@Component
class CountedCarts implements CartFigures {

    private final FigureCounters counters;

    CountedCarts(FigureCounters counters) {
        this.counters = counters;
    }

    @Override
    public Map<Instant, Long> cartsCreated(Instant from, Instant to) {
        Map<Instant, Long> hours = new TreeMap<>();
        for (FigureCounters.Hour hour : counters.hours(FigureCounters.SHOP, List.of(CartRepository.CARTS), from, to)) {
            hours.put(hour.hour(), hour.count());
        }
        return hours;
    }
}
