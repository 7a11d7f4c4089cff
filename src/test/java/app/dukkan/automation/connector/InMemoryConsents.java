package app.dukkan.automation.connector;

import app.dukkan.privacy.Consents;
import app.dukkan.privacy.DataSubject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/** The consent log for connectors built without Spring: entries kept in a list, matched by phone. */
final class InMemoryConsents implements Consents {

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    @Override
    public Entry record(
            DataSubject subject, Purpose purpose, boolean granted, Channel channel, @Nullable String clientAddress) {
        Entry entry = new Entry(
                UUID.randomUUID(),
                purpose,
                granted,
                channel,
                "test",
                Instant.now(),
                subject.userId(),
                subject.email(),
                subject.phone(),
                clientAddress);
        entries.add(entry);
        return entry;
    }

    @Override
    public Entry change(
            DataSubject subject, Purpose purpose, boolean granted, Channel channel, @Nullable String clientAddress) {
        return record(subject, purpose, granted, channel, clientAddress);
    }

    @Override
    public boolean granted(DataSubject subject, Purpose purpose) {
        return current(subject).stream().anyMatch(entry -> entry.purpose() == purpose && entry.granted());
    }

    @Override
    public List<Entry> current(DataSubject subject) {
        List<Entry> latest = new ArrayList<>();
        for (Purpose purpose : Purpose.values()) {
            history(subject).stream()
                    .filter(entry -> entry.purpose() == purpose)
                    .findFirst()
                    .ifPresent(latest::add);
        }
        return latest;
    }

    @Override
    public List<Entry> history(DataSubject subject) {
        List<Entry> newestFirst = new ArrayList<>(entries.stream()
                .filter(entry -> Objects.equals(entry.phone(), subject.phone()))
                .toList());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Override
    public String noticeVersion() {
        return "test";
    }
}
