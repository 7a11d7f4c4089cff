package app.dukkan.orders.draft;

import app.dukkan.catalog.PurchasableVariant;
import app.dukkan.catalog.Stock;
import app.dukkan.checkout.Address;
import app.dukkan.checkout.CartContents;
import app.dukkan.checkout.Carts;
import app.dukkan.checkout.Pricing;
import app.dukkan.checkout.Quote;
import app.dukkan.checkout.QuoteRequest;
import app.dukkan.identity.Accounts;
import app.dukkan.identity.AuthenticatedUser;
import app.dukkan.identity.CurrentUser;
import app.dukkan.orders.ChatPhoneLinked;
import app.dukkan.orders.CheckoutDraft;
import app.dukkan.orders.CheckoutStep;
import app.dukkan.orders.DraftChange;
import app.dukkan.orders.DraftDetails;
import app.dukkan.orders.OrderStatus;
import app.dukkan.orders.domain.DraftContent;
import app.dukkan.orders.domain.Drift;
import app.dukkan.orders.domain.Order;
import app.dukkan.orders.domain.OrderLine;
import app.dukkan.orders.domain.OrderRepository;
import app.dukkan.orders.domain.Phones;
import app.dukkan.orders.domain.Totals;
import app.dukkan.orders.figures.SalesCounting;
import app.dukkan.platform.Ids;
import app.dukkan.platform.Money;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.TextInput;
import app.dukkan.privacy.Consents;
import app.dukkan.privacy.DataSubject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.servlet.support.RequestContextUtils;

/** Builds drafts from carts, prices them with checkout and checks them against the shop as it is now (their drift). */
@Service
class Drafts {

    private final OrderRepository orders;
    private final Stock stock;
    private final PaymentHolds holds;
    private final Pricing pricing;
    private final Carts carts;
    private final CurrentUser currentUser;
    private final SalesCounting sales;
    private final Consents consents;
    private final Accounts accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Drafts(
            OrderRepository orders,
            Stock stock,
            PaymentHolds holds,
            Pricing pricing,
            Carts carts,
            CurrentUser currentUser,
            SalesCounting sales,
            Consents consents,
            Accounts accounts,
            ApplicationEventPublisher events,
            Clock clock) {
        this.orders = orders;
        this.stock = stock;
        this.holds = holds;
        this.pricing = pricing;
        this.carts = carts;
        this.currentUser = currentUser;
        this.sales = sales;
        this.consents = consents;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
    }

    Buyer buyer(HttpServletRequest request, HttpServletResponse response) {
        return new Buyer(
                currentUser.get().orElse(null),
                carts.currentId(request, response).orElse(null),
                null,
                client(request),
                api(request) ? Consents.Channel.API : Consents.Channel.WEB,
                language(request));
    }

    /**
     * The request's language: a page's from its URL, an API client's from {@code Accept-Language};
     * none when an API client states none, whose guest mails then keep the shop's default.
     */
    static @Nullable Locale language(HttpServletRequest request) {
        if (api(request) && request.getHeader(HttpHeaders.ACCEPT_LANGUAGE) == null) {
            return null;
        }
        return Locale.forLanguageTag(RequestContextUtils.getLocale(request).getLanguage());
    }

    private static boolean api(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/api/");
    }

    /** The language of the buyer's latest checkout step is the one a guest's order mails speak. */
    private void recordLanguage(Order order, Buyer buyer) {
        spokenIn(order.id(), buyer.language());
    }

    /** Records the draft's language if the shop speaks it; others leave the shop's default. */
    void spokenIn(UUID draftId, @Nullable Locale language) {
        if (language != null && accounts.languages().contains(language)) {
            orders.spokenIn(draftId, language);
        }
    }

    static String client(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        return TextInput.clip(address, 100);
    }

    /**
     * Starts the draft of the caller's cart, or brings the cart's open draft up to date. Two requests
     * at once (a double submit) take turns, so the second finds the draft the first made.
     */
    @Transactional
    CheckoutDraft create(DraftDetails input, Buyer buyer) {
        if (buyer.cartId() != null) {
            orders.lockDraftsOf(buyer.cartId());
        }
        CartContents cart = buyer.cartId() == null ? null : carts.contents(buyer.cartId());
        if (cart == null || cart.items().isEmpty()) {
            throw cartEmpty("Your cart is empty: add products with POST /api/v1/cart first");
        }
        AuthenticatedUser user = buyer.user();
        String email = input.email() != null ? input.email() : user != null ? user.email() : null;
        if (email == null) {
            throw ProblemException.invalid("email", "required for guest checkout");
        }
        Order existing = orders.lockOpenDraftOf(cart.cartId()).orElse(null);
        Map<UUID, PurchasableVariant> variants = stock.variants(
                cart.items().stream().map(CartContents.Item::variantId).toList());
        List<OrderLine> lines = linesFromCart(cart.items(), variants, existing == null ? List.of() : existing.lines());
        if (lines.isEmpty()) {
            throw cartEmpty("None of the products in your cart exist any more");
        }
        String customerKey = buyer.customerKey(email);
        Priced priced = price(
                lines,
                input.address(),
                input.shippingOption(),
                blankToNull(input.couponCode()),
                customerKey,
                false,
                false);
        Instant now = clock.instant();
        Order order;
        if (existing != null) {
            order = existing;
            OrderStatus before = order.status();
            boolean countryChanged =
                    !order.address().country().equals(input.address().country());
            boolean emailChanged = !order.email().equalsIgnoreCase(email.strip());
            boolean revised = order.revise(email, input.address(), priced.content(), now);
            if (emailChanged) {
                recordConsent(order, buyer);
            }
            if (countryChanged) {
                // another country ships at other rates: the shipping choice is to be made again
                order.checkoutReached(CheckoutStep.SHIPPING);
            }
            if (revised) {
                variants = afterRevision(order, before, now, variants);
            }
        } else {
            UUID customer = user == null ? null : user.id().value();
            order = Order.draft(
                    Ids.newId(clock),
                    customer,
                    cart.cartId(),
                    email,
                    input.address(),
                    lines.get(0).unitPrice().currency(),
                    priced.content(),
                    now);
            orders.insert(order, new OrderRepository.Note("draft created", customer, now));
            recordConsent(order, buyer);
            sales.checkoutStarted(now);
        }
        recordLanguage(order, buyer);
        return view(order, variants, priced.quote(), List.of());
    }

    @Transactional
    CheckoutDraft update(UUID id, DraftChange input, Buyer buyer) {
        Order order =
                buyer.requireOwns(orders.lock(id).orElseThrow(() -> ProblemException.notFound("order draft", id)));
        Map<UUID, PurchasableVariant> variants = variantsOf(order.lines());
        boolean held = holdsReservation(order);
        boolean accept = Boolean.TRUE.equals(input.acceptChanges());
        List<OrderLine> lines = accept ? Drift.accept(order.lines(), variants, held) : order.lines();
        if (lines.isEmpty()) {
            throw cartEmpty("None of the lines of this draft can be bought any more; start again from the cart");
        }
        Address address = input.address() != null ? input.address() : order.address();
        String email = input.email() != null ? input.email() : order.email();
        boolean countryChanged = !address.country().equals(order.address().country());
        String shipping =
                input.shippingOption() != null ? input.shippingOption() : countryChanged ? null : order.shippingCode();
        String coupon = input.couponCode() != null ? blankToNull(input.couponCode()) : order.couponCode();
        String customerKey = buyer.customerKey(email);
        // accepting changes also lets go of a coupon that stopped being valid, or a shipping option
        // the shop stopped offering, unless this change names them
        Priced priced = price(
                lines,
                address,
                shipping,
                coupon,
                customerKey,
                accept && input.couponCode() == null,
                accept && input.shippingOption() == null);
        Instant now = clock.instant();
        OrderStatus before = order.status();
        CheckoutStep stepBefore = order.checkoutStep();
        boolean emailChanged = !order.email().equalsIgnoreCase(email.strip());
        boolean revised = order.revise(email, address, priced.content(), now);
        if (emailChanged) {
            recordConsent(order, buyer);
        }
        if (countryChanged && input.shippingOption() == null) {
            // another country ships at other rates: the shipping choice is to be made again
            order.checkoutReached(CheckoutStep.SHIPPING);
        } else if (input.shippingOption() != null) {
            order.checkoutReached(CheckoutStep.REVIEW);
        }
        if (revised) {
            variants = afterRevision(order, before, now, variants);
        } else if (order.checkoutStep() != stepBefore) {
            orders.save(order);
        }
        if (emailChanged) {
            // a draft of a chat now names another customer, whose WhatsApp consent may hold for the number
            orders.chatPhone(order.id()).ifPresent(phone -> events.publishEvent(new ChatPhoneLinked(phone)));
        }
        recordLanguage(order, buyer);
        return view(order, variants, priced.quote(), List.of());
    }

    /**
     * Records, in the draft's transaction, the buyer's consent to the processing an order needs, for
     * the draft's email (and account): the address step states it with a link to the privacy notice.
     */
    private void recordConsent(Order order, Buyer buyer) {
        consents.record(
                new DataSubject(
                        order.customerId(),
                        order.email(),
                        // a chat's customer is known by the phone they write from; a web address's phone may be local
                        buyer.channel() == Consents.Channel.WHATSAPP
                                ? Phones.normalize(order.address().phone()).orElse(null)
                                : null,
                        null),
                Consents.Purpose.PROCESSING,
                true,
                buyer.channel(),
                buyer.client());
    }

    /**
     * Without a transaction: at read committed its statements would each see their own snapshot
     * anyway, and a polled read saves the round trips of begin and commit.
     */
    CheckoutDraft view(UUID id, Buyer buyer) {
        return view(
                buyer.requireOwns(orders.find(id).orElseThrow(() -> ProblemException.notFound("order draft", id))),
                buyer);
    }

    /** The open draft of the buyer's cart, checked for drift; empty without a cart or an open draft. */
    Optional<CheckoutDraft> current(Buyer buyer) {
        if (buyer.cartId() == null) {
            return Optional.empty();
        }
        return orders.findOpenDraftOf(buyer.cartId()).filter(buyer::owns).map(order -> view(order, buyer));
    }

    /** The draft if the buyer owns it and it is not yet paid, checked for drift. */
    Optional<CheckoutDraft> open(UUID id, Buyer buyer) {
        return orders.find(id)
                .filter(buyer::owns)
                .filter(order -> !order.status().isPlaced())
                .map(order -> view(order, buyer));
    }

    /**
     * Readies the buyer's draft for its payment pages: a draft still at the shipping choice keeps the
     * option it was priced with and goes on to the review.
     */
    @Transactional
    void readyToPay(UUID id, Buyer buyer) {
        Order order =
                buyer.requireOwns(orders.lock(id).orElseThrow(() -> ProblemException.notFound("order draft", id)));
        if (order.status() == OrderStatus.DRAFT && order.checkoutStep() == CheckoutStep.SHIPPING) {
            order.checkoutReached(CheckoutStep.REVIEW);
            orders.save(order);
        }
    }

    private CheckoutDraft view(Order order, Buyer buyer) {
        if (order.status().isPlaced()) {
            return DraftView.of(order, List.of(), List.of(), false);
        }
        return check(order, variantsOf(order.lines()), buyer.customerKey(order.email()))
                .view();
    }

    /**
     * The draft as it would be paid now, with every difference from the shop's current state. A
     * draft to a country the shop no longer ships to cannot be priced: it shows that change and no
     * shipping options, and cannot be paid until its address changes.
     */
    Checked check(Order order, Map<UUID, PurchasableVariant> variants, String customerKey) {
        List<Drift.Change> changes = lineChanges(order, variants);
        Quote quote;
        try {
            quote = quote(order.lines(), order.address(), order.shippingCode(), order.couponCode(), customerKey);
            if (!Totals.of(quote).equals(order.totals())) {
                changes.add(Drift.Change.ofPricing("totals_changed", "shipping or tax rates changed"));
            }
        } catch (ProblemException e) {
            if (e.type().equals(SHIPPING_UNAVAILABLE)) {
                changes.add(Drift.Change.ofPricing("shipping_unavailable", e.getMessage()));
                return new Checked(order, changes, DraftView.of(order, List.of(), changes, false));
            }
            changes.add(Drift.Change.ofPricing(
                    names(e, "coupon_code") ? "coupon_invalid" : "totals_changed", e.getMessage()));
            quote = quote(order.lines(), order.address(), null, null, customerKey);
        }
        return new Checked(order, changes, view(order, variants, quote, changes));
    }

    /** The problem of a price asked for an address the shop does not ship to. */
    static final String SHIPPING_UNAVAILABLE = "shipping-unavailable";

    /** The change of a draft whose cart changed since: only starting the draft again takes it over. */
    static final String CART_CHANGED = "cart_changed";

    /** What differs in the draft's lines: from the shop's stock and prices, and from its cart. */
    private List<Drift.Change> lineChanges(Order order, Map<UUID, PurchasableVariant> variants) {
        List<Drift.Change> changes = new ArrayList<>(Drift.lines(order.lines(), variants, holdsReservation(order)));
        if (behindCart(order, variants)) {
            changes.add(Drift.Change.ofPricing(
                    CART_CHANGED,
                    "the cart changed since the draft was made; POST /api/v1/orders/draft brings the draft up to date"
                            + " with it"));
        }
        return changes;
    }

    /** Whether the draft lacks what its cart has now, or has what the cart no longer has. */
    private boolean behindCart(Order order, Map<UUID, PurchasableVariant> variants) {
        if (order.cartId() == null) {
            return false;
        }
        Map<UUID, Integer> items = new HashMap<>();
        carts.contents(order.cartId())
                .items()
                .forEach(item -> items.merge(item.variantId(), item.quantity(), Integer::sum));
        List<UUID> unread =
                items.keySet().stream().filter(id -> !variants.containsKey(id)).toList();
        Map<UUID, PurchasableVariant> all = variants;
        if (!unread.isEmpty()) {
            all = new HashMap<>(variants);
            all.putAll(stock.variants(unread));
        }
        return Drift.behindCart(order.lines(), items, all, holdsReservation(order));
    }

    record Checked(Order order, List<Drift.Change> changes, CheckoutDraft view) {}

    private static boolean names(ProblemException problem, String field) {
        return problem.errors().stream().anyMatch(f -> f.field().equals(field));
    }

    boolean holdsReservation(Order order) {
        return order.holdsReservation(clock.instant());
    }

    Map<UUID, PurchasableVariant> variantsOf(Collection<OrderLine> lines) {
        return stock.variants(lines.stream().map(OrderLine::variantId).toList());
    }

    /**
     * Saves a revised draft, letting go of what a payment of its old content held.
     *
     * @return the variants read again when that hold was let go (the stock it held is available
     *     to the draft again), else those read before
     */
    private Map<UUID, PurchasableVariant> afterRevision(
            Order order, OrderStatus before, Instant now, Map<UUID, PurchasableVariant> variants) {
        boolean held = before == OrderStatus.AWAITING_PAYMENT;
        if (held) {
            // the started payment belonged to the old content
            holds.release(order);
        }
        orders.save(order, new OrderRepository.Note("draft changed (revision " + order.revision() + ")", null, now));
        return held ? variantsOf(order.lines()) : variants;
    }

    private CheckoutDraft view(
            Order order, Map<UUID, PurchasableVariant> variants, Quote quote, List<Drift.Change> allChanges) {
        // without known changes (the draft was just priced) only the lines can differ
        List<Drift.Change> changes = allChanges.isEmpty() ? lineChanges(order, variants) : allChanges;
        return DraftView.of(
                order,
                quote.shippingOptions(),
                changes,
                changes.isEmpty() && !order.lines().isEmpty());
    }

    private record Priced(DraftContent content, Quote quote) {}

    private Priced price(
            List<OrderLine> lines,
            Address address,
            @Nullable String shipping,
            @Nullable String coupon,
            String customerKey,
            boolean letGoOfCoupon,
            boolean letGoOfShipping) {
        Quote quote;
        try {
            quote = quote(lines, address, shipping, coupon, customerKey);
        } catch (ProblemException e) {
            boolean dropCoupon = letGoOfCoupon && coupon != null && names(e, "coupon_code");
            boolean dropShipping = letGoOfShipping && shipping != null && names(e, "shipping_option");
            if (!dropCoupon && !dropShipping) {
                throw e;
            }
            // no coupon instead of one that stopped being valid; the shop's cheapest option instead of
            // one it stopped offering
            return price(
                    lines,
                    address,
                    dropShipping ? null : shipping,
                    dropCoupon ? null : coupon,
                    customerKey,
                    letGoOfCoupon,
                    letGoOfShipping);
        }
        return new Priced(
                new DraftContent(
                        lines, quote.shipping().code(), quote.shipping().name(), quote.couponCode(), Totals.of(quote)),
                quote);
    }

    private Quote quote(
            List<OrderLine> lines,
            Address address,
            @Nullable String shipping,
            @Nullable String coupon,
            String customerKey) {
        String currency = lines.get(0).unitPrice().currency();
        long subtotal = 0;
        for (OrderLine line : lines) {
            subtotal = Math.addExact(subtotal, line.lineTotal().minor());
        }
        return pricing.quote(
                new QuoteRequest(Money.ofMinor(subtotal, currency), address.country(), shipping, coupon, customerKey));
    }

    /** Lines in cart order at today's prices; a line keeps its id across refreshes. */
    private List<OrderLine> linesFromCart(
            List<CartContents.Item> items, Map<UUID, PurchasableVariant> variants, List<OrderLine> previous) {
        Map<UUID, UUID> previousIds = previous.stream().collect(Collectors.toMap(OrderLine::variantId, OrderLine::id));
        List<OrderLine> lines = new ArrayList<>();
        for (CartContents.Item item : items) {
            PurchasableVariant v = variants.get(item.variantId());
            if (v == null) {
                continue;
            }
            UUID id = Objects.requireNonNullElseGet(previousIds.get(v.id()), () -> Ids.newId(clock));
            lines.add(new OrderLine(
                    id,
                    lines.size(),
                    v.id(),
                    v.productId(),
                    v.sku(),
                    v.productName(),
                    v.variantName(),
                    v.productSlug(),
                    v.price(),
                    item.quantity()));
        }
        return lines;
    }

    static ProblemException cartEmpty(String detail) {
        return new ProblemException(HttpStatus.CONFLICT, "cart-empty", "Nothing to order", detail, List.of());
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
