package app.dukkan.orders.draft;

import app.dukkan.orders.PaymentLink;
import app.dukkan.platform.ProblemException;
import app.dukkan.platform.SignedTokens;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * Payment links and what opening one grants. A link carries the draft's id signed until its expiry
 * ({@link SignedTokens}, purpose {@code payment-link}); opening it sets the cookie {@code
 * DUKKAN_PAYMENT_GRANT}: the draft's id signed for a shorter while (purpose {@code payment-grant}),
 * HttpOnly, SameSite=Lax, Secure like the session cookie, scoped to the checkout's pages: one
 * cookie per language prefix, so that switching the language keeps the grant while the shop's other
 * pages and its API never see it. Nothing is stored: the signature is the grant.
 */
@Component
@EnableConfigurationProperties(ChannelProperties.class)
class PaymentGrants {

    static final String COOKIE = "DUKKAN_PAYMENT_GRANT";
    private static final String LINK = "payment-link";
    private static final String GRANT = "payment-grant";
    /** The shop's languages that have a path prefix (English has none). */
    private static final Set<String> PREFIXED = Set.of("de", "ar");
    /** The path prefixes of all the shop's languages. */
    private static final List<String> PREFIXES = Stream.concat(
                    Stream.of(""), PREFIXED.stream().sorted().map(language -> "/" + language))
            .toList();

    private final SignedTokens tokens;
    private final ChannelProperties properties;
    private final boolean secure;
    private final Clock clock;

    PaymentGrants(
            SignedTokens tokens,
            ChannelProperties properties,
            @Value("${server.servlet.session.cookie.secure:true}") boolean secure,
            Clock clock) {
        this.tokens = tokens;
        this.properties = properties;
        this.secure = secure;
        this.clock = clock;
    }

    PaymentLink link(UUID draftId, Locale language) {
        Instant until = clock.instant().plus(properties.paymentLinkLifetime());
        String prefix = PREFIXED.contains(language.getLanguage()) ? "/" + language.getLanguage() : "";
        String token = tokens.sign(LINK, draftId.toString(), until);
        return new PaymentLink(
                URI.create(properties.baseUrl() + prefix + "/checkout/link/" + token),
                Instant.ofEpochSecond(until.getEpochSecond()));
    }

    /** The draft a link names. */
    UUID draftOf(String token) {
        SignedTokens.Verified verified = tokens.verify(LINK, token);
        if (verified.verdict() == SignedTokens.Verdict.EXPIRED) {
            throw new ProblemException(
                    HttpStatus.GONE,
                    "payment-link-expired",
                    "Payment link expired",
                    "This payment link has expired; ask for a new one",
                    List.of());
        }
        return draftId(verified).orElseThrow(this::invalid);
    }

    ProblemException invalid() {
        return new ProblemException(
                HttpStatus.NOT_FOUND,
                "payment-link-invalid",
                "Not a payment link",
                "This is not a payment link of this shop",
                List.of());
    }

    /**
     * Lets the browser pay that one draft: sets the grant cookie for the checkout's pages in every
     * language ({@code /checkout}, {@code /de/checkout}, {@code /ar/checkout}).
     */
    void grant(UUID draftId, HttpServletResponse response) {
        Duration lifetime = properties.grantLifetime();
        String token = tokens.sign(GRANT, draftId.toString(), clock.instant().plus(lifetime));
        for (String prefix : PREFIXES) {
            ResponseCookie cookie = ResponseCookie.from(COOKIE, token)
                    .httpOnly(true)
                    .secure(secure)
                    .sameSite("Lax")
                    .path(prefix + "/checkout")
                    .maxAge(lifetime)
                    .build();
            response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
        }
    }

    /** The draft the request's grant cookie names while the grant is valid. */
    Optional<UUID> granted(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName())) {
                SignedTokens.Verified verified = tokens.verify(GRANT, cookie.getValue());
                if (verified.verdict() == SignedTokens.Verdict.VALID) {
                    return draftId(verified);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<UUID> draftId(SignedTokens.Verified verified) {
        if (verified.verdict() == SignedTokens.Verdict.TAMPERED || verified.value() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(verified.value()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
