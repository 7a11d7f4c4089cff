package app.dukkan.privacy;

import java.util.Optional;

/**
 * A module's part in exports and erasures. Each module holding personal data implements it as a
 * bean; the privacy module asks every one of them, each in a job of its own, and records which
 * have answered.
 */
public interface PersonalData {

    /**
     * The module's stable name, e.g. {@code orders}: its section of the export package and its
     * line in an erasure's progress.
     */
    String part();

    /**
     * Everything the module holds about the subject, as JSON-ready values (maps, lists, strings,
     * numbers, booleans); an empty map when it holds nothing. Never card data or secrets.
     */
    Object export(DataSubject subject);

    /**
     * The subject completed with what this part knows them by and they proved (see {@link
     * DataSubject#withEmail}, {@link DataSubject#withPhone}): the phone of a chat they ordered from,
     * the email they gave in a chat of their phone. Never what they merely typed, such as an
     * address's phone, which may be a gift's recipient's. The parts are asked in turn until none finds
     * more, before an export and before an erasure, which then look for the person by each of their
     * identifiers (see {@link DataSubject#each()}). The subject itself when the part adds nothing.
     */
    default DataSubject identify(DataSubject subject) {
        return subject;
    }

    /**
     * Why the subject cannot be erased yet, e.g. an order paid and not shipped, whose address the
     * shop needs to deliver what it took money for; empty when nothing of this part stands in the
     * way. Asked before an erasure is accepted (answered 409 with the reason).
     */
    default Optional<String> erasureHeldBy(DataSubject subject) {
        return Optional.empty();
    }

    /**
     * Deletes or redacts the subject's data so that none of their email, phone or name remains in
     * the module's tables or files. Idempotent: a second call after a crash changes nothing more.
     */
    void erase(DataSubject subject);
}
