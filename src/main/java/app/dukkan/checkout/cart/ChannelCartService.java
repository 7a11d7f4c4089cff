package app.dukkan.checkout.cart;

import app.dukkan.checkout.CartView;
import app.dukkan.checkout.ChannelCarts;
import app.dukkan.checkout.cart.CartRepository.CartRow;
import app.dukkan.checkout.config.ShopCurrency;
import app.dukkan.platform.Ids;
import app.dukkan.platform.ProblemException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@link ChannelCarts}: the cart is named by its id; every change goes through {@link CartService}'s rules. */
@Service
class ChannelCartService implements ChannelCarts {

    private final CartService carts;
    private final CartRepository repository;
    private final String currency;
    private final Clock clock;

    ChannelCartService(CartService carts, CartRepository repository, ShopCurrency currency, Clock clock) {
        this.carts = carts;
        this.repository = repository;
        this.currency = currency.code();
        this.clock = clock;
    }

    @Override
    @Transactional
    public UUID create() {
        UUID id = Ids.newId(clock);
        repository.insertChannel(id, currency, clock.instant());
        return id;
    }

    @Override
    public boolean exists(UUID cartId) {
        return repository.channelCart(cartId).isPresent();
    }

    @Override
    public CartView view(UUID cartId) {
        return carts.view(cart(cartId));
    }

    @Override
    public CartView add(UUID cartId, UUID variantId, int quantity) {
        // the cart exists; it is created only when it was swept between the look-up and its lock
        return carts.write(
                () -> Optional.of(cart(cartId)),
                () -> {
                    throw notFound(cartId);
                },
                variantId,
                quantity,
                true);
    }

    @Override
    public CartView setQuantity(UUID cartId, UUID lineId, int quantity) {
        return carts.setQuantity(Optional.of(cart(cartId)), lineId, quantity);
    }

    @Override
    public CartView remove(UUID cartId, UUID lineId) {
        return carts.remove(Optional.of(cart(cartId)), lineId);
    }

    @Override
    @Transactional
    public void clear(UUID cartId) {
        CartRow cart =
                repository.lockForChange(cart(cartId).id(), clock.instant()).orElseThrow(() -> notFound(cartId));
        repository.deleteLines(cart.id());
    }

    private CartRow cart(UUID cartId) {
        return repository.channelCart(cartId).orElseThrow(() -> notFound(cartId));
    }

    private static ProblemException notFound(UUID cartId) {
        return ProblemException.notFound("cart", cartId);
    }
}
