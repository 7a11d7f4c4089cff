package app.dukkan.privacy.request;

import app.dukkan.privacy.DataSubject;
import app.dukkan.privacy.PersonalData;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Every module's {@link PersonalData} bean, by its part's name. */
@Component
class PersonalParts {

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

    /** The subject as every part together knows them (see {@link PersonalData#identify}). */
    DataSubject identify(DataSubject subject) {
        DataSubject known = subject;
        for (PersonalData part : parts.values()) {
            known = part.identify(known);
        }
        return known;
    }

    /** Whether any part holds something about the person (a person without an account). */
    boolean holdAnything(DataSubject subject) {
        return parts.values().stream().anyMatch(part -> !empty(part.export(subject)));
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
