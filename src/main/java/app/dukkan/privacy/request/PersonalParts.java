package app.dukkan.privacy.request;

import app.dukkan.privacy.DataSubject;
import app.dukkan.privacy.PersonalData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Every module's {@link PersonalData} bean, by its part's name. */
@Component
class PersonalParts {

    /** Enough for a chain of chat, email and orders; a guard against parts that never settle. */
    private static final int MAX_ROUNDS = 5;

    private final SortedMap<String, PersonalData> parts = new TreeMap<>();

    PersonalParts(List<PersonalData> beans) {
        for (PersonalData bean : beans) {
            PersonalData other = parts.put(bean.part(), bean);
            if (other != null) {
                throw new IllegalStateException("two personal-data parts named " + bean.part() + ": "
                        + bean.getClass().getName() + " and " + other.getClass().getName());
            }
        }
    }

    Collection<String> names() {
        return List.copyOf(parts.keySet());
    }

    Optional<PersonalData> get(String name) {
        return Optional.ofNullable(parts.get(name));
    }

    Collection<PersonalData> all() {
        return parts.values();
    }

    /**
     * The subject as every part together knows them (see {@link PersonalData#identify}): the parts are
     * asked again while one of them finds something new, since what a later part finds (the email
     * given in a chat) may lead an earlier one to more (that email's orders).
     */
    DataSubject identify(DataSubject subject) {
        DataSubject known = subject;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            DataSubject before = known;
            for (PersonalData part : parts.values()) {
                known = part.identify(known);
            }
            if (known.equals(before)) {
                break;
            }
        }
        return known;
    }

    /** The part's export by each of the subject's identifiers (see {@link DataSubject#each()}), as one. */
    static Object export(PersonalData part, DataSubject subject) {
        Object merged = null;
        for (DataSubject one : subject.each()) {
            Object exported = part.export(one);
            merged = merged == null ? exported : merge(merged, exported);
        }
        return merged;
    }

    /** The part's erasure by each of the subject's identifiers (see {@link DataSubject#each()}). */
    static void erase(PersonalData part, DataSubject subject) {
        subject.each().forEach(part::erase);
    }

    /** Why the subject cannot be erased yet, by any of their identifiers. */
    Optional<String> erasureHeldBy(DataSubject subject) {
        return subject.each().stream()
                .flatMap(one -> parts.values().stream().flatMap(part -> part.erasureHeldBy(one).stream()))
                .findFirst();
    }

    /** Two exports of a part as one: maps key by key, lists without the rows both hold twice. */
    private static Object merge(Object first, Object second) {
        if (first instanceof Map<?, ?> one && second instanceof Map<?, ?> other) {
            Map<Object, Object> merged = new LinkedHashMap<>(one);
            other.forEach((key, value) -> merged.merge(key, value, PersonalParts::merge));
            return merged;
        }
        if (first instanceof Collection<?> one && second instanceof Collection<?> other) {
            Set<Object> merged = new LinkedHashSet<>(one);
            merged.addAll(other);
            return new ArrayList<>(merged);
        }
        return first;
    }

    /**
     * Whether any part holds something about the person (a person without an account), found as an
     * erasure or export finds them: by every identifier they proved, so a phone whose data sits only
     * under the email given in its chat is known.
     */
    boolean holdAnything(DataSubject subject) {
        DataSubject known = identify(subject);
        return parts.values().stream().anyMatch(part -> !empty(export(part, known)));
    }

    /** Empty: nothing, or maps and lists with nothing in them. */
    static boolean empty(@Nullable Object value) {
        if (value == null) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().allMatch(PersonalParts::empty);
        }
        if (value instanceof Collection<?> list) {
            return list.isEmpty();
        }
        return false;
    }
}
