package app.dukkan.whatsapp.chat;

import app.dukkan.catalog.PurchasableVariant;
import app.dukkan.catalog.Stock;
import app.dukkan.checkout.Address;
import app.dukkan.checkout.CartView;
import app.dukkan.checkout.Carts;
import app.dukkan.checkout.ChannelCarts;
import app.dukkan.checkout.ShippingNames;
import app.dukkan.checkout.ShippingOption;
import app.dukkan.orders.ChannelCheckouts;
import app.dukkan.orders.CheckoutDraft;
import app.dukkan.orders.CustomerOrders;
import app.dukkan.orders.DraftChange;
import app.dukkan.orders.DraftDetails;
import app.dukkan.orders.OrderStatus;
import app.dukkan.orders.PaymentLink;
import app.dukkan.orders.PhoneOrders;
import app.dukkan.platform.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The cart, checkout and orders in the chat, on the channel's cart and checkout (the same prices,
 * coupons, stock holds and payment as the web): add and change lines, collect the address field by
 * field (a returning customer's last one is offered), choose shipping, and send the payment link;
 * order status and returns by number, only for orders of the customer's own phone.
 */
@Component
class Shopping {

    private static final Pattern ORDER_COMMAND =
            Pattern.compile("(?i)^\\s*(status|return|حالة|إرجاع|ارجاع)\\s+#?([a-z]{1,5}-\\d{1,12})\\s*$");
    static final int COUPON_TRIES = 10;
    static final Duration COUPON_WINDOW = Duration.ofHours(1);
    private static final Pattern COUPON_COMMAND = Pattern.compile("(?i)^\\s*(coupon|قسيمة)\\s+(\\S{1,64})\\s*$");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s.]{2,}");
    private static final Pattern POSTAL_CODE = Pattern.compile("[A-Za-z0-9 -]{2,20}");
    private static final Set<String> CART = Set.of("cart", "basket", "السلة", "سلتي");
    private static final Set<String> CHECKOUT = Set.of("checkout", "pay", "الدفع", "ادفع");
    private static final Set<String> ORDERS = Set.of("orders", "my orders", "طلباتي", "الطلبات");
    private static final Set<String> ABORT = Set.of("menu", "cancel", "القائمة", "إلغاء", "الغاء");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    /** Lines a cart list shows, leaving rows for "check out" and "keep shopping". */
    private static final int CART_ROWS = Reply.MAX_ROWS - 2;

    private static final String AWAITING = "awaiting";
    private static final List<String> ADDRESS_STEPS =
            List.of("address.name", "address.line1", "address.city", "address.postal", "address.country", "email");

    private final ChannelCarts carts;
    private final Carts shopCarts;
    private final ChannelCheckouts checkouts;
    private final PhoneOrders orders;
    private final Stock stock;
    private final ChatTexts texts;
    private final ShippingNames shippingNames;
    private final Savepoints savepoints;

    Shopping(
            ChannelCarts carts,
            Carts shopCarts,
            ChannelCheckouts checkouts,
            PhoneOrders orders,
            Stock stock,
            ChatTexts texts,
            ShippingNames shippingNames,
            Savepoints savepoints) {
        this.carts = carts;
        this.shopCarts = shopCarts;
        this.checkouts = checkouts;
        this.orders = orders;
        this.stock = stock;
        this.texts = texts;
        this.shippingNames = shippingNames;
        this.savepoints = savepoints;
    }

    /**
     * A typed answer to what the conversation asked for (a quantity, an address field, a reason);
     * empty when it asked for nothing, or when the customer turned away (a tap, "menu", "cancel").
     */
    Optional<List<Reply>> answer(Conversation conversation, Inbound inbound) {
        ObjectNode state = conversation.state();
        String awaiting = state.path(AWAITING).asString("");
        if (awaiting.isEmpty()) {
            return Optional.empty();
        }
        String text = inbound.text().strip();
        boolean located = inbound.kind() == Inbound.Kind.LOCATION && awaiting.equals("address.line1");
        if ((inbound.kind() != Inbound.Kind.TEXT && !located) || ABORT.contains(ChatEngine.word(text))) {
            state.remove(AWAITING);
            return Optional.empty();
        }
        return Optional.of(
                switch (awaiting) {
                    case "quantity" -> quantity(conversation, text);
                    case "return" -> returnReason(conversation, text);
                    default -> addressField(conversation, awaiting, located ? locationLine(inbound) : text);
                });
    }

    /** A typed command: cart, checkout, orders, status / return of an order, a coupon. */
    Optional<List<Reply>> command(Conversation conversation, String text) {
        String word = ChatEngine.word(text);
        if (CART.contains(word)) {
            return Optional.of(cart(conversation));
        }
        if (CHECKOUT.contains(word)) {
            return Optional.of(checkout(conversation));
        }
        if (ORDERS.contains(word)) {
            return Optional.of(recentOrders(conversation));
        }
        Matcher order = ORDER_COMMAND.matcher(text);
        if (order.matches()) {
            String number = order.group(2).toUpperCase(Locale.ROOT);
            String verb = order.group(1).toLowerCase(Locale.ROOT);
            return Optional.of(
                    verb.equals("status") || verb.equals("حالة")
                            ? status(conversation, number)
                            : askReturn(conversation, number));
        }
        Matcher coupon = COUPON_COMMAND.matcher(text);
        if (coupon.matches()) {
            conversation.state().put("coupon", coupon.group(2));
            return Optional.of(
                    List.of(Reply.text(texts.text(conversation, "chat.checkout.coupon.applied", coupon.group(2)))));
        }
        return Optional.empty();
    }

    /** A tapped choice about the cart, checkout or orders; empty for any other. */
    Optional<List<Reply>> choose(Conversation conversation, String choice) {
        String[] parts = choice.split(":", 2);
        String argument = parts.length > 1 ? parts[1] : "";
        try {
            return switch (parts[0]) {
                case "add" -> Optional.of(add(conversation, UUID.fromString(argument), 1));
                case "qty" -> Optional.of(askQuantity(conversation, UUID.fromString(argument)));
                case "cart" -> Optional.of(cart(conversation));
                case "line" -> line(conversation, UUID.fromString(argument));
                case "inc" -> Optional.of(changeLine(conversation, UUID.fromString(argument), +1));
                case "dec" -> Optional.of(changeLine(conversation, UUID.fromString(argument), -1));
                case "rm" -> Optional.of(removeLine(conversation, UUID.fromString(argument)));
                case "checkout" -> Optional.of(checkout(conversation));
                case "addr" ->
                    Optional.of(argument.equals("last") ? useLastAddress(conversation) : newAddress(conversation));
                case "ship" -> Optional.of(ship(conversation, argument));
                case "orders" -> Optional.of(recentOrders(conversation));
                case "order" -> Optional.of(status(conversation, argument));
                case "ret" -> Optional.of(askReturn(conversation, argument));
                default -> Optional.empty();
            };
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a garbled id
        }
    }

    // --- the cart

    private List<Reply> add(Conversation conversation, UUID variantId, int quantity) {
        UUID cart = cartOf(conversation);
        try {
            CartView view = savepoints.attempt(() -> carts.add(cart, variantId, quantity));
            String name = view.lines().stream()
                    .filter(line -> line.variantId().equals(variantId))
                    .map(line -> lineName(line))
                    .findFirst()
                    .orElse("");
            return List.of(Reply.buttons(
                    texts.text(
                            conversation,
                            "chat.added",
                            quantity,
                            name,
                            view.itemCount(),
                            texts.money(conversation, view.totals().subtotal())),
                    null,
                    List.of(
                            new Reply.Choice("checkout", texts.text(conversation, "chat.cart.checkout")),
                            new Reply.Choice("cart", texts.text(conversation, "chat.cart.view")),
                            new Reply.Choice("browse", texts.text(conversation, "chat.cart.continue")))));
        } catch (ProblemException refused) {
            return List.of(Reply.text(problem(conversation, refused, variantId)));
        }
    }

    private List<Reply> askQuantity(Conversation conversation, UUID variantId) {
        conversation.state().put(AWAITING, "quantity").put("variant", variantId.toString());
        return List.of(Reply.text(texts.text(conversation, "chat.quantity.ask", shopCarts.maxLineQuantity())));
    }

    private List<Reply> quantity(Conversation conversation, String text) {
        int max = shopCarts.maxLineQuantity();
        int quantity;
        try {
            quantity = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            quantity = 0;
        }
        if (quantity < 1 || quantity > max) {
            return List.of(Reply.text(texts.text(conversation, "chat.quantity.invalid", max)));
        }
        UUID variant = UUID.fromString(conversation.state().path("variant").asString());
        conversation.state().remove(List.of(AWAITING, "variant"));
        return add(conversation, variant, quantity);
    }

    private List<Reply> cart(Conversation conversation) {
        UUID id = conversation.cartId();
        CartView view = id != null && carts.exists(id) ? carts.view(id) : null;
        if (view == null || view.lines().isEmpty()) {
            return List.of(Reply.buttons(
                    texts.text(conversation, "chat.cart.empty"),
                    null,
                    List.of(new Reply.Choice("browse", texts.text(conversation, "chat.menu.browse")))));
        }
        String lines = view.lines().stream()
                .map(line -> texts.text(
                        conversation,
                        "chat.cart.line",
                        line.quantity(),
                        lineName(line),
                        line.lineTotal() == null ? "" : texts.money(conversation, line.lineTotal())))
                .collect(Collectors.joining("\n"));
        // a list has room for CART_ROWS lines: those short of stock first, so that one checkout
        // refuses can always be changed or removed
        List<CartView.Line> shown = view.lines().stream()
                .sorted(java.util.Comparator.comparing(line -> line.status() == CartView.Status.OK))
                .limit(CART_ROWS)
                .toList();
        List<Reply.Choice> rows = new ArrayList<>();
        for (CartView.Line line : shown) {
            String price = line.unitPrice() == null ? "" : texts.money(conversation, line.unitPrice());
            String note = line.status() == CartView.Status.OK
                    ? ""
                    : " · "
                            + texts.text(
                                    conversation,
                                    line.status() == CartView.Status.UNAVAILABLE ? "chat.stock.out" : "chat.stock.few",
                                    line.available());
            rows.add(new Reply.Choice("line:" + line.id(), lineName(line), line.quantity() + " × " + price + note));
        }
        rows.add(new Reply.Choice("checkout", texts.text(conversation, "chat.cart.checkout")));
        rows.add(new Reply.Choice("browse", texts.text(conversation, "chat.cart.continue")));
        String subtotal = texts.money(conversation, view.totals().subtotal());
        // a long cart's lines are cut, never the subtotal after them
        String frame = texts.text(conversation, "chat.cart.body", "", subtotal);
        int room = Math.max(1, Reply.INTERACTIVE_BODY - frame.codePointCount(0, frame.length()));
        return List.of(Reply.list(
                texts.text(conversation, "chat.cart.body", Reply.cut(lines, room), subtotal),
                texts.text(conversation, "chat.cart.button"),
                texts.text(conversation, "chat.cart.section"),
                rows));
    }

    private Optional<List<Reply>> line(Conversation conversation, UUID lineId) {
        return lineOf(conversation, lineId)
                .map(line -> List.of(Reply.buttons(
                        texts.text(conversation, "chat.line.body", lineName(line), line.quantity()),
                        null,
                        List.of(
                                new Reply.Choice("inc:" + lineId, texts.text(conversation, "chat.line.more")),
                                new Reply.Choice("dec:" + lineId, texts.text(conversation, "chat.line.less")),
                                new Reply.Choice("rm:" + lineId, texts.text(conversation, "chat.line.remove"))))));
    }

    private List<Reply> changeLine(Conversation conversation, UUID lineId, int by) {
        Optional<CartView.Line> line = lineOf(conversation, lineId);
        if (line.isEmpty()) {
            return cart(conversation);
        }
        int quantity = line.get().quantity() + by;
        if (quantity < 1) {
            return removeLine(conversation, lineId);
        }
        try {
            UUID cart = conversation.cartId();
            savepoints.attempt(() -> carts.setQuantity(cart, lineId, quantity));
        } catch (ProblemException refused) {
            return List.of(Reply.text(problem(conversation, refused, line.get().variantId())));
        }
        return cart(conversation);
    }

    private List<Reply> removeLine(Conversation conversation, UUID lineId) {
        if (lineOf(conversation, lineId).isPresent()) {
            UUID cart = conversation.cartId();
            savepoints.attempt(() -> carts.remove(cart, lineId));
        }
        return cart(conversation);
    }

    private Optional<CartView.Line> lineOf(Conversation conversation, UUID lineId) {
        UUID cart = conversation.cartId();
        if (cart == null || !carts.exists(cart)) {
            return Optional.empty();
        }
        return carts.view(cart).lines().stream()
                .filter(l -> l.id().equals(lineId))
                .findFirst();
    }

    /** The conversation's cart, made at its first addition (and again if it was cleaned up since). */
    private UUID cartOf(Conversation conversation) {
        UUID id = conversation.cartId();
        if (id == null || !carts.exists(id)) {
            id = carts.create();
            conversation.cartId(id);
        }
        return id;
    }

    private String problem(Conversation conversation, ProblemException refused, UUID variantId) {
        return switch (refused.type()) {
            case "insufficient-stock" -> {
                PurchasableVariant variant = stock.variants(List.of(variantId)).get(variantId);
                yield texts.text(conversation, "chat.problem.stock", variant == null ? 0 : variant.available());
            }
            case "variant-unavailable", "not-found" -> texts.text(conversation, "chat.problem.unavailable");
            case "cart-full" -> texts.text(conversation, "chat.problem.cart-full");
            case "validation" -> texts.text(conversation, "chat.problem.quantity");
            default -> texts.text(conversation, "chat.problem.other");
        };
    }

    /** Why a coupon cannot be used, as the chat says it (the problem's own text is English). */
    private static String couponProblem(ProblemException refused) {
        return switch (refused.type()) {
            case "coupon-unknown" -> "chat.coupon.unknown";
            case "coupon-inactive" -> "chat.coupon.inactive";
            case "coupon-not-yet-valid" -> "chat.coupon.not-yet-valid";
            case "coupon-expired" -> "chat.coupon.expired";
            case "coupon-used-up" -> "chat.coupon.used-up";
            case "coupon-already-used" -> "chat.coupon.already-used";
            case "coupon-minimum-not-met" -> "chat.coupon.minimum";
            default -> "chat.coupon.other";
        };
    }

    /** What is wrong with a field the chat asked for, as the chat says it. */
    private static String fieldProblem(ProblemException.FieldProblem problem) {
        return switch (problem.field()) {
            case "email" -> "chat.problem.email";
            case "address.country" -> "chat.problem.country";
            case "address.postal_code" -> "chat.problem.postal-code";
            case "address.phone" -> "chat.problem.phone";
            default -> "chat.problem.other";
        };
    }

    private static String lineName(CartView.Line line) {
        String product = line.productName() == null ? "" : line.productName();
        return line.variantName() == null || line.variantName().isBlank()
                ? product
                : product + " – " + line.variantName();
    }

    // --- checkout

    private List<Reply> checkout(Conversation conversation) {
        UUID cart = conversation.cartId();
        if (cart == null || !carts.exists(cart) || carts.view(cart).lines().isEmpty()) {
            return cart(conversation);
        }
        ObjectNode address = conversation.state().path("address").isObject()
                ? (ObjectNode) conversation.state().get("address")
                : null;
        if (address == null) {
            lastOrder(conversation).ifPresent(detail -> remember(conversation, detail.address(), detail.email()));
            address = conversation.state().path("address").isObject()
                    ? (ObjectNode) conversation.state().get("address")
                    : null;
        }
        if (address != null && complete(conversation)) {
            return List.of(Reply.buttons(
                    texts.text(conversation, "chat.checkout.last-address", addressText(conversation)),
                    null,
                    List.of(
                            new Reply.Choice("addr:last", texts.text(conversation, "chat.checkout.use-last")),
                            new Reply.Choice("addr:new", texts.text(conversation, "chat.checkout.new-address")))));
        }
        return newAddress(conversation);
    }

    private List<Reply> newAddress(Conversation conversation) {
        conversation.state().putObject("address");
        return ask(conversation, ADDRESS_STEPS.get(0));
    }

    private List<Reply> ask(Conversation conversation, String step) {
        conversation.state().put(AWAITING, step);
        String key = step.equals("email") ? "chat.address.email" : "chat." + step;
        return List.of(Reply.text(
                step.equals("address.country")
                        ? texts.text(conversation, key, countryOf(conversation))
                        : texts.text(conversation, key)));
    }

    /** One address field typed; the next is asked, or the draft made once all are there. */
    private List<Reply> addressField(Conversation conversation, String step, String value) {
        ObjectNode state = conversation.state();
        ObjectNode address =
                state.path("address").isObject() ? (ObjectNode) state.get("address") : state.putObject("address");
        String problem = null;
        switch (step) {
            case "address.name" -> problem = fits(value, 120) ? null : "name";
            case "address.line1" -> problem = fits(value, 200) ? null : "line1";
            case "address.city" -> problem = fits(value, 100) ? null : "city";
            case "address.postal" -> problem = POSTAL_CODE.matcher(value).matches() ? null : "postal";
            case "address.country" -> {
                value = value.toUpperCase(Locale.ROOT);
                problem = COUNTRIES.contains(value) ? null : "country";
            }
            case "email" ->
                problem = value.length() <= 254 && EMAIL.matcher(value).matches() ? null : "email";
            default -> {
                state.remove(AWAITING);
                return List.of();
            }
        }
        if (problem != null) {
            return List.of(Reply.text(texts.text(
                    conversation,
                    "chat.address.invalid",
                    texts.text(conversation, "chat.address.invalid." + problem))));
        }
        if (step.equals("email")) {
            state.put("email", value);
        } else {
            address.put(step.substring("address.".length()), value);
        }
        for (String next : ADDRESS_STEPS) {
            boolean missing = next.equals("email")
                    ? !state.path("email").isString()
                    : !address.path(next.substring("address.".length())).isString();
            if (missing) {
                return ask(conversation, next);
            }
        }
        state.remove(AWAITING);
        return draft(conversation);
    }

    private List<Reply> useLastAddress(Conversation conversation) {
        if (!complete(conversation)) {
            return newAddress(conversation);
        }
        return draft(conversation);
    }

    /**
     * Counts a checkout with a coupon against the conversation's budget, as the web counts a client
     * address's: each answer tells whether a code exists, and whether an email has used it.
     *
     * @return false, counting nothing, when {@link #COUPON_TRIES} were tried in the last {@link #COUPON_WINDOW}
     */
    private static boolean couponTried(Conversation conversation) {
        Instant now = conversation.lastInboundAt() == null ? Instant.EPOCH : conversation.lastInboundAt();
        JsonNode tries = conversation.state().path("couponTries");
        Instant since = Instant.ofEpochSecond(tries.path("since").asLong(0));
        int count = since.plus(COUPON_WINDOW).isAfter(now) ? tries.path("count").asInt(0) : 0;
        if (count >= COUPON_TRIES) {
            return false;
        }
        conversation
                .state()
                .putObject("couponTries")
                .put("since", (count == 0 ? now : since).getEpochSecond())
                .put("count", count + 1);
        return true;
    }

    /** The draft of the cart with the collected address; shipping asked when there is a choice. */
    private List<Reply> draft(Conversation conversation) {
        UUID cart = conversation.cartId();
        if (cart == null || !carts.exists(cart)) {
            return cart(conversation);
        }
        ObjectNode state = conversation.state();
        ObjectNode a = (ObjectNode) state.get("address");
        Address address = new Address(
                a.path("name").asString(),
                a.path("line1").asString(),
                null,
                a.path("city").asString(),
                a.path("postal").asString(),
                a.path("country").asString(),
                conversation.e164());
        String coupon = state.path("coupon").asString(null);
        if (coupon != null && !couponTried(conversation)) {
            state.remove("coupon");
            List<Reply> replies = new ArrayList<>();
            replies.add(Reply.text(texts.text(
                    conversation,
                    "chat.checkout.coupon.refused",
                    coupon,
                    texts.text(conversation, "chat.checkout.coupon.too-many"))));
            replies.addAll(draft(conversation));
            return replies;
        }
        CheckoutDraft draft;
        try {
            DraftDetails details = new DraftDetails(address, state.path("email").asString(), null, coupon);
            draft = savepoints.attempt(() -> checkouts.start(cart, details));
        } catch (ProblemException refused) {
            ProblemException.FieldProblem problem =
                    refused.errors().isEmpty() ? null : refused.errors().get(0);
            if (problem != null && problem.field().equals("coupon_code")) {
                // unknown, expired, used up, below its minimum…: forgotten, or every checkout would fail
                state.remove("coupon");
                List<Reply> replies = new ArrayList<>();
                replies.add(Reply.text(texts.text(
                        conversation,
                        "chat.checkout.coupon.refused",
                        coupon,
                        texts.text(conversation, couponProblem(refused)))));
                replies.addAll(draft(conversation));
                return replies;
            }
            if (problem != null && problem.field().equals("email")) {
                // asked again: kept, it would be skipped by the questions and refused again forever
                state.remove("email");
                List<Reply> replies = new ArrayList<>();
                replies.add(Reply.text(texts.text(conversation, fieldProblem(problem))));
                replies.addAll(ask(conversation, "email"));
                return replies;
            }
            if (refused.type().equals("validation") && problem != null) {
                return newAddress(conversation);
            }
            return List.of(Reply.text(texts.text(conversation, "chat.problem.other")));
        }
        conversation.draftId(draft.id());
        if (!draft.changes().isEmpty() && !draft.payable()) {
            List<Reply> replies = new ArrayList<>();
            replies.add(Reply.text(texts.text(conversation, "chat.checkout.out-of-stock")));
            replies.addAll(cart(conversation));
            return replies;
        }
        List<ShippingOption> options = draft.shippingOptions();
        if (options.size() > 1) {
            List<Reply.Choice> rows = options.stream()
                    .limit(Reply.MAX_ROWS)
                    .map(option -> new Reply.Choice(
                            "ship:" + option.code(),
                            shippingNames.name(
                                    draft.address().country(),
                                    option.code(),
                                    option.name(),
                                    texts.locale(conversation)),
                            texts.money(conversation, option.price())))
                    .toList();
            return List.of(Reply.list(
                    texts.text(conversation, "chat.shipping.body"),
                    texts.text(conversation, "chat.shipping.button"),
                    texts.text(conversation, "chat.shipping.button"),
                    rows));
        }
        return payment(conversation, draft);
    }

    private List<Reply> ship(Conversation conversation, String code) {
        UUID draftId = conversation.draftId();
        UUID cart = conversation.cartId();
        if (draftId == null || cart == null) {
            return checkout(conversation);
        }
        try {
            return payment(
                    conversation,
                    savepoints.attempt(() -> checkouts.change(draftId, cart, DraftChange.shipping(code))));
        } catch (ProblemException refused) {
            return checkout(conversation);
        }
    }

    /** The order's summary and the link to pay it. */
    private List<Reply> payment(Conversation conversation, CheckoutDraft draft) {
        if (draft.orderStatus().isPlaced()) {
            return status(conversation, draft.number() == null ? "" : draft.number());
        }
        Locale locale = texts.locale(conversation);
        UUID cart = conversation.cartId();
        PaymentLink link = savepoints.attempt(() -> checkouts.paymentLink(draft.id(), cart, locale));
        CheckoutDraft.Totals totals = draft.totals();
        String lines = draft.lines().stream()
                .map(line -> texts.text(
                        conversation,
                        "chat.cart.line",
                        line.quantity(),
                        line.variantName().isBlank()
                                ? line.productName()
                                : line.productName() + " – " + line.variantName(),
                        texts.money(conversation, line.lineTotal())))
                .collect(Collectors.joining("\n"));
        if (totals.discounts().minor() > 0) {
            lines += "\n"
                    + texts.text(conversation, "chat.checkout.discount", texts.money(conversation, totals.discounts()));
        }
        String until = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                        .withLocale(locale)
                        .withZone(ZoneOffset.UTC)
                        .format(link.expiresAt())
                + " UTC";
        String shipping = texts.money(conversation, totals.shipping());
        String total = texts.money(conversation, totals.total());
        String url = link.url().toString();
        // a long order's lines are cut, never the total and the link after them
        String frame = texts.text(conversation, "chat.checkout.summary", "", shipping, total, until, url);
        int room = Math.max(1, Reply.TEXT_BODY - frame.codePointCount(0, frame.length()));
        return List.of(Reply.text(texts.text(
                conversation, "chat.checkout.summary", Reply.cut(lines, room), shipping, total, until, url)));
    }

    private boolean complete(Conversation conversation) {
        JsonFields address = new JsonFields((ObjectNode) conversation.state().path("address"));
        return address.has("name", "line1", "city", "postal", "country")
                && conversation.state().path("email").isString();
    }

    private record JsonFields(ObjectNode node) {
        boolean has(String... names) {
            for (String name : names) {
                if (!node.path(name).isString()) {
                    return false;
                }
            }
            return true;
        }
    }

    private String addressText(Conversation conversation) {
        ObjectNode a = (ObjectNode) conversation.state().path("address");
        return a.path("name").asString() + "\n" + a.path("line1").asString() + "\n"
                + a.path("postal").asString() + " "
                + a.path("city").asString() + "\n" + a.path("country").asString() + "\n"
                + conversation.state().path("email").asString();
    }

    private void remember(Conversation conversation, Address address, String email) {
        ObjectNode a = conversation.state().putObject("address");
        a.put("name", address.name());
        a.put("line1", address.line2() == null ? address.line1() : address.line1() + ", " + address.line2());
        a.put("city", address.city());
        a.put("postal", address.postalCode());
        a.put("country", address.country());
        conversation.state().put("email", email);
    }

    private Optional<CustomerOrders.Detail> lastOrder(Conversation conversation) {
        return orders.recent(conversation.e164(), 1).stream()
                .findFirst()
                .flatMap(row -> orders.find(row.number(), conversation.e164()));
    }

    /** An example for the country question, in the customer's language. */
    private String countryOf(Conversation conversation) {
        return switch (texts.locale(conversation).getLanguage()) {
            case "ar" -> "SA";
            case "de" -> "DE";
            default -> "GB";
        };
    }

    private static boolean fits(String value, int max) {
        return !value.isBlank() && value.codePointCount(0, value.length()) <= max;
    }

    private static String locationLine(Inbound inbound) {
        Inbound.Location location = inbound.location();
        if (location == null) {
            return inbound.text();
        }
        if (location.address() != null && !location.address().isBlank()) {
            return location.address();
        }
        return location.name() != null && !location.name().isBlank()
                ? location.name()
                : location.latitude() + ", " + location.longitude();
    }

    // --- orders

    private List<Reply> recentOrders(Conversation conversation) {
        List<CustomerOrders.Row> recent = orders.recent(conversation.e164(), Reply.MAX_ROWS);
        if (recent.isEmpty()) {
            return List.of(Reply.text(texts.text(conversation, "chat.orders.none")));
        }
        List<Reply.Choice> rows = recent.stream()
                .map(row -> new Reply.Choice(
                        "order:" + row.number(),
                        row.number(),
                        texts.text(
                                        conversation,
                                        "chat.order.status." + row.status().name()) + " · "
                                + texts.money(conversation, row.total())))
                .toList();
        return List.of(Reply.list(
                texts.text(conversation, "chat.orders.body"),
                texts.text(conversation, "chat.orders.button"),
                texts.text(conversation, "chat.orders.section"),
                rows));
    }

    private List<Reply> status(Conversation conversation, String number) {
        Optional<CustomerOrders.Detail> found = find(conversation, number);
        if (found.isEmpty()) {
            return List.of(Reply.text(texts.text(conversation, "chat.order.unknown", number)));
        }
        CustomerOrders.Detail order = found.get();
        int items =
                order.lines().stream().mapToInt(CustomerOrders.Line::quantity).sum();
        String text = texts.text(
                conversation,
                "chat.order.status",
                order.number(),
                texts.text(conversation, "chat.order.status." + order.status().name()),
                texts.money(conversation, order.total()),
                items);
        if (order.status() == OrderStatus.FULFILLED
                && order.lines().stream().anyMatch(line -> line.returnableQuantity() > 0)) {
            return List.of(Reply.buttons(
                    text,
                    null,
                    List.of(new Reply.Choice("ret:" + order.number(), texts.text(conversation, "chat.order.return")))));
        }
        return List.of(Reply.text(text));
    }

    private List<Reply> askReturn(Conversation conversation, String number) {
        if (find(conversation, number).isEmpty()) {
            return List.of(Reply.text(texts.text(conversation, "chat.order.unknown", number)));
        }
        conversation.state().put(AWAITING, "return").put("order", number);
        return List.of(Reply.text(texts.text(conversation, "chat.return.reason", number)));
    }

    private List<Reply> returnReason(Conversation conversation, String reason) {
        String number = conversation.state().path("order").asString("");
        conversation.state().remove(List.of(AWAITING, "order"));
        if (reason.isBlank() || reason.length() > 1000) {
            return askReturn(conversation, number);
        }
        try {
            savepoints.attempt(() -> orders.requestReturn(number, conversation.e164(), reason));
            return List.of(Reply.text(texts.text(conversation, "chat.return.done", number)));
        } catch (ProblemException refused) {
            if (refused.status().value() == 404) {
                return List.of(Reply.text(texts.text(conversation, "chat.order.unknown", number)));
            }
            Optional<CustomerOrders.Detail> order = find(conversation, number);
            String why = order.isPresent() && order.get().status() != OrderStatus.FULFILLED
                    ? texts.text(conversation, "chat.return.not-shipped")
                    : texts.text(conversation, "chat.return.nothing");
            return List.of(Reply.text(texts.text(conversation, "chat.return.refused", number, why)));
        }
    }

    private Optional<CustomerOrders.Detail> find(Conversation conversation, String number) {
        if (!number.matches("[A-Za-z]{1,5}-\\d{1,12}")) {
            return Optional.empty();
        }
        return orders.find(number.toUpperCase(Locale.ROOT), conversation.e164());
    }
}
