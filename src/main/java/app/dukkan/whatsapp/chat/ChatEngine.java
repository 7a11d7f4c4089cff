package app.dukkan.whatsapp.chat;

import app.dukkan.privacy.Consents;
import app.dukkan.privacy.DataSubject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The conversation: one customer message in, the replies out. Consent comes first (nothing but the
 * answer is kept before it), STOP and START always work, then the menu, browsing and search here,
 * and the cart, checkout and orders in {@link Shopping}. Reply ids say everything they mean ({@code
 * prod:<slug>}, {@code add:<variant>}), so a tap on an older message still does what it showed,
 * whatever the conversation did since; only typed answers depend on what the conversation waits for.
 */
@Component
public class ChatEngine {

    // as typed, with or without the hamza (ايقاف, ابدا), in German too, punctuation aside (see word())
    private static final Set<String> STOP =
            Set.of("stop", "stopp", "unsubscribe", "abmelden", "إيقاف", "ايقاف", "توقف", "أوقف", "اوقف");
    private static final Set<String> START = Set.of("start", "ابدأ", "ابدا", "بدء", "ابدء");
    private static final Set<String> MENU = Set.of("menu", "hi", "hello", "help", "القائمة", "مرحبا", "مساعدة");
    /** Language names a customer may type, by the language they choose. */
    private static final Map<String, String> LANGUAGE_WORDS = Map.ofEntries(
            Map.entry("english", "en"),
            Map.entry("englisch", "en"),
            Map.entry("الإنجليزية", "en"),
            Map.entry("انجليزي", "en"),
            Map.entry("deutsch", "de"),
            Map.entry("german", "de"),
            Map.entry("الألمانية", "de"),
            Map.entry("arabic", "ar"),
            Map.entry("arabisch", "ar"),
            Map.entry("العربية", "ar"),
            Map.entry("عربي", "ar"));

    private final ChatTexts texts;
    private final Browsing browsing;
    private final Shopping shopping;
    private final Consents consents;

    ChatEngine(ChatTexts texts, Browsing browsing, Shopping shopping, Consents consents) {
        this.texts = texts;
        this.browsing = browsing;
        this.shopping = shopping;
        this.consents = consents;
    }

    /**
     * One turn of the conversation; the caller holds its lock and saves it afterwards.
     *
     * @param wroteAt when the customer wrote (Meta's timestamp): the 24-hour window opens then
     */
    public List<Reply> turn(Conversation conversation, Inbound inbound, Instant wroteAt) {
        conversation.lastInboundAt(wroteAt);
        boolean optedOut = conversation.optedOut();
        List<Reply> replies = answer(conversation, inbound, wroteAt);
        if (!optedOut && conversation.optedOutBy() == Conversation.OptedOutBy.ACCOUNT) {
            // the checkout linked the number to an account that withdrew WhatsApp contact: said once, as STOP is
            return List.of(Reply.text(texts.text(conversation, "chat.account.opted-out"))
                    .sentEvenAfterOptOut());
        }
        return replies;
    }

    private List<Reply> answer(Conversation conversation, Inbound inbound, Instant wroteAt) {
        String word = inbound.kind() == Inbound.Kind.TEXT ? word(inbound.text()) : "";
        if (STOP.contains(word)) {
            return stop(conversation);
        }
        if (START.contains(word) && conversation.optedOut()) {
            conversation.optedIn(wroteAt);
            log(conversation, Consents.Purpose.WHATSAPP, true);
            if (conversation.consent() != Conversation.Consent.GRANTED) {
                return List.of(askConsent(conversation));
            }
            return List.of(Reply.text(texts.text(conversation, "chat.start.done")), menu(conversation));
        }
        String choice = inbound.choice();
        if ("lang".equals(choice)) {
            return List.of(languages(conversation));
        }
        if (choice != null && choice.startsWith("lang:") && ChatTexts.LANGUAGES.contains(choice.substring(5))) {
            conversation.language(choice.substring(5));
            return conversation.consent() == Conversation.Consent.GRANTED
                    ? List.of(menu(conversation))
                    : List.of(askConsent(conversation));
        }
        if (conversation.consent() != Conversation.Consent.GRANTED) {
            return consent(conversation, choice);
        }
        if (LANGUAGE_WORDS.containsKey(word)) {
            conversation.language(LANGUAGE_WORDS.get(word));
            return List.of(menu(conversation));
        }
        if (inbound.kind() == Inbound.Kind.UNSUPPORTED) {
            return List.of(Reply.text(texts.text(conversation, "chat.unsupported")));
        }
        Optional<List<Reply>> answered = shopping.answer(conversation, inbound);
        if (answered.isPresent()) {
            return answered.get();
        }
        if (inbound.kind() == Inbound.Kind.LOCATION) {
            return List.of(Reply.text(texts.text(conversation, "chat.location.thanks")), menu(conversation));
        }
        if (choice != null) {
            return choose(conversation, choice);
        }
        if (MENU.contains(word) || word.isEmpty()) {
            return List.of(menu(conversation));
        }
        return shopping.command(conversation, inbound.text().strip())
                .orElseGet(() -> browsing.search(conversation, inbound.text().strip()));
    }

    private List<Reply> choose(Conversation conversation, String choice) {
        if (choice.equals("menu")) {
            return List.of(menu(conversation));
        }
        if (choice.equals("help")) {
            return List.of(Reply.text(texts.text(conversation, "chat.help")), menu(conversation));
        }
        return browsing.choose(conversation, choice)
                .or(() -> shopping.choose(conversation, choice))
                .orElseGet(
                        () -> List.of(Reply.text(texts.text(conversation, "chat.stale-choice")), menu(conversation)));
    }

    private List<Reply> consent(Conversation conversation, @org.jspecify.annotations.Nullable String choice) {
        if ("consent:yes".equals(choice)) {
            conversation.consent(Conversation.Consent.GRANTED);
            log(conversation, Consents.Purpose.PROCESSING, true);
            if (conversation.optedOut()) {
                // only START undoes STOP: agreeing to the notice is no wish to be messaged again
                return List.of(Reply.text(texts.text(conversation, "chat.consent.thanks-opted-out"))
                        .sentEvenAfterOptOut());
            }
            log(conversation, Consents.Purpose.WHATSAPP, true);
            return List.of(Reply.text(texts.text(conversation, "chat.consent.thanks")), menu(conversation));
        }
        if ("consent:no".equals(choice)) {
            conversation.consent(Conversation.Consent.DECLINED);
            log(conversation, Consents.Purpose.PROCESSING, false);
            return List.of(Reply.text(texts.text(conversation, "chat.consent.declined")));
        }
        conversation.consent(Conversation.Consent.ASKED);
        return List.of(askConsent(conversation));
    }

    private Reply askConsent(Conversation conversation) {
        String language = texts.locale(conversation).getLanguage();
        return Reply.buttons(
                texts.text(
                        conversation,
                        "chat.consent.ask",
                        texts.text(conversation, "chat.shop-name"),
                        texts.link(language.equals("en") ? "/privacy" : "/" + language + "/privacy")),
                null,
                List.of(
                        new Reply.Choice("consent:yes", texts.text(conversation, "chat.consent.yes")),
                        new Reply.Choice("consent:no", texts.text(conversation, "chat.consent.no")),
                        new Reply.Choice("lang", texts.text(conversation, "chat.language.choose"))));
    }

    /** The languages the conversation speaks, each named in itself. */
    private Reply languages(Conversation conversation) {
        return Reply.buttons(
                texts.text(conversation, "chat.language.body"),
                null,
                List.of(
                        new Reply.Choice("lang:en", "English"),
                        new Reply.Choice("lang:de", "Deutsch"),
                        new Reply.Choice("lang:ar", "العربية")));
    }

    /**
     * A one-word message as its word: lower case, without the punctuation around it ("Stop!",
     * "STOPP.") and without Arabic's optional vowel marks and stretching ("توقّف", "إيقـاف").
     */
    static String word(String text) {
        StringBuilder bare = new StringBuilder(text.length());
        text.codePoints()
                .filter(c -> c != 'ـ'
                        && !(Character.getType(c) == Character.NON_SPACING_MARK
                                && Character.UnicodeBlock.of(c) == Character.UnicodeBlock.ARABIC))
                .forEach(bare::appendCodePoint);
        String lower = bare.toString().toLowerCase(Locale.ROOT);
        int start = 0;
        int end = lower.length();
        while (start < end && around(lower.codePointAt(start))) {
            start += Character.charCount(lower.codePointAt(start));
        }
        while (end > start && around(lower.codePointBefore(end))) {
            end -= Character.charCount(lower.codePointBefore(end));
        }
        return lower.substring(start, end);
    }

    /** Space or punctuation: what a one-word message may have around its word. */
    private static boolean around(int codePoint) {
        if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
            return true;
        }
        return switch (Character.getType(codePoint)) {
            case Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION,
                    Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    private List<Reply> stop(Conversation conversation) {
        conversation.optedOutBy(Conversation.OptedOutBy.CUSTOMER);
        conversation.state().removeAll();
        log(conversation, Consents.Purpose.WHATSAPP, false);
        return List.of(Reply.text(texts.text(conversation, "chat.stop.done")).sentEvenAfterOptOut());
    }

    /** The main menu: a list of what the customer can do. */
    Reply menu(Conversation conversation) {
        List<Reply.Choice> rows = new ArrayList<>();
        rows.add(new Reply.Choice(
                "browse",
                texts.text(conversation, "chat.menu.browse"),
                texts.text(conversation, "chat.menu.browse.description")));
        rows.add(new Reply.Choice(
                "cart",
                texts.text(conversation, "chat.menu.cart"),
                texts.text(conversation, "chat.menu.cart.description")));
        rows.add(new Reply.Choice(
                "orders",
                texts.text(conversation, "chat.menu.orders"),
                texts.text(conversation, "chat.menu.orders.description")));
        rows.add(new Reply.Choice("help", texts.text(conversation, "chat.menu.help")));
        rows.add(new Reply.Choice("lang", texts.text(conversation, "chat.language.choose")));
        return Reply.list(
                texts.text(conversation, "chat.menu.body"),
                texts.text(conversation, "chat.menu.button"),
                texts.text(conversation, "chat.menu.section"),
                rows);
    }

    /**
     * Records the customer's choice in the consent log. The console's simulator talks for a number it
     * does not own, so what is chosen there is about no one.
     */
    private void log(Conversation conversation, Consents.Purpose purpose, boolean granted) {
        if (!conversation.simulated()) {
            consents.change(subject(conversation), purpose, granted, Consents.Channel.WHATSAPP, null);
        }
    }

    static DataSubject subject(Conversation conversation) {
        return DataSubject.ofPhone(conversation.e164());
    }
}
