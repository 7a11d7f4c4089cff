package app.dukkan.checkout.cart;

import app.dukkan.catalog.PurchasableVariant;
import app.dukkan.catalog.Stock;
import app.dukkan.checkout.CartContents;
import app.dukkan.checkout.CartHolds;
import app.dukkan.checkout.CartView;
import app.dukkan.checkout.Carts;
import app.dukkan.checkout.CartsMerged;
import app.dukkan.checkout.Pricing;
import app.dukkan.checkout.Quote;
import app.dukkan.checkout.QuoteRequest;
import app.dukkan.checkout.cart.CartRepository.CartRow;
import app.dukkan.checkout.cart.CartRepository.LineRow;
import app.dukkan.checkout.config.CheckoutProperties;
import app.dukkan.checkout.config.ShopCurrency;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.platform.Ids;
import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.ProblemException.FieldProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Carts of signed-in users (one per user) and anonymous visitors (one per cookie). When a signed-in
 * user's request still carries an anonymous cart's cookie, that cart is merged into the user's and
 * the cookie cleared; the merge commits in a transaction of its own, so a request that fails
 * afterwards cannot undo it while its cookie is already gone, and announces {@link CartsMerged} in
 * it, so the anonymous cart's draft moves with its lines.
 */
@Service
class CartService implements Carts {

    private final CartRepository repository;
    private final CartCookie cookie;
    private final CurrentUser currentUser;
    private final Stock stock;
    private final CartHolds holds;
    private final Pricing pricing;
    private final CheckoutProperties properties;
    private final String currency;
    private final TransactionTemplate transaction;
    private final TransactionTemplate ownTransaction;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CartService(
            CartRepository repository,
            CartCookie cookie,
            CurrentUser currentUser,
            Stock stock,
            CartHolds holds,
            Pricing pricing,
            CheckoutProperties properties,
            ShopCurrency currency,
            PlatformTransactionManager transactions,
            ApplicationEventPublisher events,
            Clock clock) {
        this.repository = repository;
        this.cookie = cookie;
        this.currentUser = currentUser;
        this.stock = stock;
        this.holds = holds;
        this.pricing = pricing;
        this.properties = properties;
        this.currency = currency.code();
        this.transaction = new TransactionTemplate(transactions);
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Optional<UUID> currentId(HttpServletRequest request, HttpServletResponse response) {
        return resolve(request, response).map(CartRow::id);
    }

    @Override
    public int unitCount(HttpServletRequest request, HttpServletResponse response) {
        Optional<AuthenticatedUser> user = currentUser.get();
        if (user.isPresent() && !cookie.present(request)) {
            // a signed-in shopper's own cart, the common case: one statement
            return repository.unitsOfUser(user.get().id().value());
        }
        return resolve(request, response)
                .map(cart -> repository.units(cart.id()))
                .orElse(0);
    }

    @Override
    public CartContents contents(UUID cartId) {
        return new CartContents(
                cartId,
                repository.lines(cartId).stream()
                        .map(line -> new CartContents.Item(line.variantId(), line.quantity()))
                        .toList());
    }

    @Override
    @Transactional
    public void removeOrdered(UUID cartId, Map<UUID, Integer> quantities) {
        if (repository.lockForChange(cartId, clock.instant()).isEmpty()) {
            return;
        }
        repository.subtract(cartId, quantities);
    }

    @Override
    public CartView view(HttpServletRequest request, HttpServletResponse response) {
        return resolve(request, response).map(this::view).orElseGet(this::emptyView);
    }

    @Override
    public int maxLineQuantity() {
        return properties.maxLineQuantity();
    }

    /**
     * Sets the variant's quantity in the cart, creating the cart (and its cookie) on the first write.
     * Reads the cart's lines and all their variants once, before writing, and answers from them.
     */
    @Override
    public CartView put(HttpServletRequest request, HttpServletResponse response, UUID variantId, int quantity) {
        return write(() -> resolve(request, response), () -> create(response), variantId, quantity, false);
    }

    /** Adds to the variant's line, under the cart's lock, so two adds at once both count. */
    @Override
    public CartView add(HttpServletRequest request, HttpServletResponse response, UUID variantId, int quantity) {
        return write(() -> resolve(request, response), () -> create(response), variantId, quantity, true);
    }

    /**
     * Sets ({@code add} false) or adds to the variant's quantity in the cart {@code find} finds (the
     * caller's, or a channel's), creating one with {@code create} when there is none; every rule of a
     * cart is checked here, for the cookie's carts and the channels' alike. A quantity out of bounds
     * is refused before the cart is looked for (which may merge an anonymous cart).
     */
    CartView write(
            Supplier<Optional<CartRow>> find, Supplier<CartRow> create, UUID variantId, int quantity, boolean add) {
        if (!add || quantity < 1) {
            // an addition's upper bound is checked on the sum, below
            checkQuantity(quantity);
        }
        Optional<CartRow> found = find.get();
        return inTransaction(() -> {
            Optional<CartRow> locked = found.flatMap(c -> repository.lockForChange(c.id(), clock.instant()));
            List<LineRow> lines = locked.map(c -> repository.lines(c.id())).orElse(List.of());
            int wanted = quantity;
            if (add) {
                int before = lines.stream()
                        .filter(l -> l.variantId().equals(variantId))
                        .mapToInt(LineRow::quantity)
                        .sum();
                wanted = (int) Math.min((long) before + quantity, Integer.MAX_VALUE);
                if (wanted > properties.maxLineQuantity() && before > 0) {
                    throw ProblemException.invalid(
                            "quantity",
                            "must be at most " + properties.maxLineQuantity() + " per line, and the cart holds "
                                    + before + " already");
                }
                checkQuantity(wanted);
            }
            int target = wanted;
            Set<UUID> variantIds = new HashSet<>();
            lines.forEach(line -> variantIds.add(line.variantId()));
            variantIds.add(variantId);
            Map<UUID, PurchasableVariant> variants =
                    variants(locked.map(CartRow::id).orElse(null), variantIds);
            // checked before a cart is created, so a refused first write leaves no cart and no cookie
            PurchasableVariant variant = checkVariant(variants.get(variantId), variantId, target);
            CartRow cart = locked.orElseGet(create);
            checkCurrency(cart, variant);
            boolean isNew = lines.stream().noneMatch(l -> l.variantId().equals(variantId));
            if (isNew && lines.size() >= properties.maxLines()) {
                throw new ProblemException(
                        HttpStatus.CONFLICT,
                        "cart-full",
                        "Cart is full",
                        "A cart holds at most " + properties.maxLines() + " lines",
                        List.of(new FieldProblem(
                                "variant_id", "a cart holds at most " + properties.maxLines() + " lines")));
            }
            UUID newLineId = Ids.newId(clock);
            repository.upsertLine(cart.id(), newLineId, variantId, target, clock.instant());
            // the cart is locked: its lines are now what they were with this one set (a new line sorts last)
            List<LineRow> after = new ArrayList<>(lines.size() + 1);
            for (LineRow line : lines) {
                after.add(line.variantId().equals(variantId) ? new LineRow(line.id(), variantId, target) : line);
            }
            if (isNew) {
                after.add(new LineRow(newLineId, variantId, target));
            }
            return view(cart, after, variants);
        });
    }

    @Override
    public CartView setQuantity(HttpServletRequest request, HttpServletResponse response, UUID lineId, int quantity) {
        return setQuantity(resolve(request, response), lineId, quantity);
    }

    /** Changes a line of the cart {@code found}; 404 for a line that is not in it. */
    CartView setQuantity(Optional<CartRow> found, UUID lineId, int quantity) {
        return inTransaction(() -> {
            CartRow cart = locked(found, lineId);
            LineRow line =
                    repository.line(cart.id(), lineId).orElseThrow(() -> ProblemException.notFound("line", lineId));
            PurchasableVariant variant = checked(cart.id(), line.variantId(), quantity);
            checkCurrency(cart, variant);
            Instant now = clock.instant();
            repository.upsertLine(cart.id(), line.id(), line.variantId(), quantity, now);
            return view(cart);
        });
    }

    @Override
    public CartView remove(HttpServletRequest request, HttpServletResponse response, UUID lineId) {
        return remove(resolve(request, response), lineId);
    }

    /** Removes a line of the cart {@code found}; 404 for a line that is not in it. */
    CartView remove(Optional<CartRow> found, UUID lineId) {
        return inTransaction(() -> {
            CartRow cart = locked(found, lineId);
            if (!repository.deleteLine(cart.id(), lineId)) {
                throw ProblemException.notFound("line", lineId);
            }
            return view(cart);
        });
    }

    /**
     * Deletes anonymous carts untouched for longer than their cookie lives, and channel carts untouched
     * for longer than {@code channel-cart-lifetime}; carts of users stay.
     */
    @Transactional
    int deleteAbandoned() {
        Instant now = clock.instant();
        return repository.deleteAbandoned(
                now.minus(properties.anonymousCartLifetime()), now.minus(properties.channelCartLifetime()));
    }

    private CartRow locked(Optional<CartRow> cart, UUID lineId) {
        return cart.flatMap(c -> repository.lockForChange(c.id(), clock.instant()))
                .orElseThrow(() -> ProblemException.notFound("line", lineId));
    }

    /**
     * Runs a cart change in a transaction begun after {@link #resolve}, so a merge (its own
     * transaction) never holds a second connection while this one waits. Changes lock the cart row:
     * concurrent changes of one cart apply one after the other.
     */
    private CartView inTransaction(Supplier<CartView> change) {
        return Objects.requireNonNull(transaction.execute(status -> change.get()));
    }

    /** The caller's cart after merging an anonymous one into a signed-in user's; never creates one otherwise. */
    private Optional<CartRow> resolve(HttpServletRequest request, HttpServletResponse response) {
        Optional<AuthenticatedUser> user = currentUser.get();
        String token = cookie.read(request);
        if (token == null) {
            if (cookie.present(request)) {
                cookie.clear(response);
            }
            return user.flatMap(u -> repository.byUser(u.id().value(), false));
        }
        byte[] hash = CartCookie.hash(token);
        if (user.isEmpty()) {
            Optional<CartRow> anonymous = repository.byToken(hash, false);
            if (anonymous.isEmpty()) {
                cookie.clear(response);
            }
            return anonymous;
        }
        UUID userId = user.get().id().value();
        if (repository.byToken(hash, false).isEmpty()) {
            cookie.clear(response);
            return repository.byUser(userId, false);
        }
        CartRow merged = ownTransaction.execute(status -> {
            UUID mine = repository
                    .userCart(Ids.newId(clock), userId, currency, clock.instant(), false)
                    .id();
            // announced before the carts are locked: listeners lock their rows (a draft) first
            repository
                    .byToken(hash, false)
                    .ifPresent(anonymous -> events.publishEvent(new CartsMerged(anonymous.id(), mine, userId)));
            CartRow locked = repository.byUser(userId, true).orElseThrow();
            repository.byToken(hash, true).ifPresent(anonymous -> merge(anonymous, locked));
            return locked;
        });
        cookie.clear(response);
        return Optional.ofNullable(merged);
    }

    /**
     * Adds the anonymous cart's lines to the user's: quantities of one variant add up, capped at the
     * per-line maximum and at available stock (a line with nothing available keeps its quantity and
     * shows as such); lines beyond the cart's maximum are dropped. The anonymous cart is deleted and
     * its lines keep their ids, so a client holding one can still change it.
     */
    private void merge(CartRow from, CartRow into) {
        Map<UUID, LineRow> existing = new HashMap<>();
        repository.lines(into.id()).forEach(l -> existing.put(l.variantId(), l));
        List<LineRow> incoming = repository.lines(from.id());
        repository.delete(from.id());
        Map<UUID, PurchasableVariant> variants =
                variants(into.id(), incoming.stream().map(LineRow::variantId).toList());
        int count = existing.size();
        Instant now = clock.instant();
        for (LineRow line : incoming) {
            LineRow mine = existing.get(line.variantId());
            if (mine == null && count >= properties.maxLines()) {
                continue;
            }
            int quantity =
                    Math.min((mine == null ? 0 : mine.quantity()) + line.quantity(), properties.maxLineQuantity());
            PurchasableVariant variant = variants.get(line.variantId());
            if (variant != null && variant.purchasable() && variant.available() > 0) {
                quantity = Math.min(quantity, variant.available());
            }
            repository.upsertLine(into.id(), line.id(), line.variantId(), quantity, now);
            if (mine == null) {
                count++;
            }
        }
        repository.touch(into.id(), now);
    }

    private CartRow create(HttpServletResponse response) {
        Instant now = clock.instant();
        Optional<AuthenticatedUser> user = currentUser.get();
        if (user.isPresent()) {
            return repository.userCart(Ids.newId(clock), user.get().id().value(), currency, now, true);
        }
        String token = CartCookie.newToken();
        UUID id = Ids.newId(clock);
        repository.insertAnonymous(id, CartCookie.hash(token), currency, now);
        cookie.set(response, token);
        return new CartRow(id, null, currency);
    }

    private PurchasableVariant checked(UUID cartId, UUID variantId, int quantity) {
        checkQuantity(quantity);
        return checkVariant(variants(cartId, List.of(variantId)).get(variantId), variantId, quantity);
    }

    /**
     * The variants as the cart may have them: what its own open draft holds for a started payment
     * counts as available to it, so that going back to the cart while paying shows its lines as they
     * are, not sold out by the shopper's own hold.
     */
    private Map<UUID, PurchasableVariant> variants(@Nullable UUID cartId, Collection<UUID> variantIds) {
        Map<UUID, PurchasableVariant> variants = stock.variants(variantIds);
        Map<UUID, Integer> held = cartId == null || variants.isEmpty() ? Map.of() : holds.heldFor(cartId);
        if (held.isEmpty()) {
            return variants;
        }
        Map<UUID, PurchasableVariant> mine = new HashMap<>(variants);
        held.forEach((id, units) -> mine.computeIfPresent(id, (key, variant) -> variant.plusAvailable(units)));
        return mine;
    }

    private void checkQuantity(int quantity) {
        if (quantity < 1) {
            throw ProblemException.invalid("quantity", "must be at least 1");
        }
        if (quantity > properties.maxLineQuantity()) {
            throw ProblemException.invalid("quantity", "must be at most " + properties.maxLineQuantity() + " per line");
        }
    }

    private static PurchasableVariant checkVariant(@Nullable PurchasableVariant variant, UUID variantId, int quantity) {
        if (variant == null) {
            throw new ProblemException(
                    HttpStatus.NOT_FOUND,
                    "not-found",
                    "Not found",
                    "No variant '" + variantId + "'",
                    List.of(new FieldProblem("variant_id", "no such variant")));
        }
        if (!variant.purchasable()) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "variant-unavailable",
                    "Not for sale",
                    "Variant '" + variantId + "' is not for sale",
                    List.of(new FieldProblem("variant_id", "is not for sale")));
        }
        if (quantity > variant.available()) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "insufficient-stock",
                    "Not enough stock",
                    "Only " + variant.available() + " of variant '" + variantId + "' available",
                    List.of(new FieldProblem("quantity", "only " + variant.available() + " available")));
        }
        return variant;
    }

    private static void checkCurrency(CartRow cart, PurchasableVariant variant) {
        if (!variant.price().currency().equals(cart.currency())) {
            throw ProblemException.conflict(
                    "variant_id", "is priced in " + variant.price().currency() + ", the cart in " + cart.currency());
        }
    }

    private CartView emptyView() {
        return new CartView(null, currency, List.of(), 0, CartView.Totals.zero(currency));
    }

    CartView view(CartRow cart) {
        List<LineRow> rows = repository.lines(cart.id());
        return view(
                cart,
                rows,
                variants(cart.id(), rows.stream().map(LineRow::variantId).toList()));
    }

    private CartView view(CartRow cart, List<LineRow> rows, Map<UUID, PurchasableVariant> variants) {
        List<CartView.Line> lines = new ArrayList<>();
        long subtotal = 0;
        int items = 0;
        for (LineRow row : rows) {
            PurchasableVariant v = variants.get(row.variantId());
            CartView.Status status;
            if (v == null || !v.purchasable() || !v.price().currency().equals(cart.currency())) {
                status = CartView.Status.UNAVAILABLE;
            } else if (row.quantity() > v.available()) {
                status = CartView.Status.INSUFFICIENT_STOCK;
            } else {
                status = CartView.Status.OK;
            }
            Money lineTotal = v == null
                    ? null
                    : Money.ofMinor(
                            v.price().minor() * row.quantity(), v.price().currency());
            if (status == CartView.Status.OK && lineTotal != null) {
                subtotal += lineTotal.minor();
                items += row.quantity();
            }
            lines.add(new CartView.Line(
                    row.id(),
                    row.variantId(),
                    v == null ? null : v.productId(),
                    v == null ? null : v.productSlug(),
                    v == null ? null : v.productName(),
                    v == null ? null : v.variantName(),
                    v == null ? null : v.sku(),
                    v == null ? null : v.price(),
                    row.quantity(),
                    lineTotal,
                    v == null ? 0 : Math.max(v.available(), 0),
                    status));
        }
        return new CartView(cart.id(), cart.currency(), lines, items, totals(cart.currency(), subtotal, items));
    }

    private CartView.Totals totals(String cartCurrency, long subtotal, int items) {
        if (items == 0) {
            return CartView.Totals.zero(cartCurrency);
        }
        Quote quote = pricing.quote(new QuoteRequest(Money.ofMinor(subtotal, cartCurrency), null, null, null, null));
        return new CartView.Totals(
                quote.subtotal(), quote.discounts(), quote.shipping().price(), quote.tax(), quote.total());
    }
}
