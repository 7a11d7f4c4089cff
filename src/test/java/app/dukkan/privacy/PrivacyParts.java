package app.dukkan.privacy;

import java.util.List;

/** The parts every export and erasure asks: one per module holding personal data, and privacy's own. */
final class PrivacyParts {

    static final List<String> ALL = List.of(
            "account",
            "audit",
            "automation",
            "checkout",
            "community-posts",
            "community-profile",
            "community-reviews",
            "consents",
            "jobs",
            "loyalty",
            "moderation",
            "notifications",
            "orders",
            "payments",
            "privacy",
            "recommendations",
            "whatsapp");

    private PrivacyParts() {}
}
