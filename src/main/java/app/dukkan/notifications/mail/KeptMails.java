package app.dukkan.notifications.mail;

import app.dukkan.notifications.Mailbox;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** {@link Mailbox} over the development mailbox transport, when that is the transport. */
@Component
class KeptMails implements Mailbox {

    private final MailTransport transport;

    KeptMails(MailTransport transport) {
        this.transport = transport;
    }

    @Override
    public boolean enabled() {
        return transport instanceof DevMailbox;
    }

    @Override
    public Page list(@Nullable String to, int page, int size) {
        if (!(transport instanceof DevMailbox mailbox)) {
            return new Page(List.of(), page, size, 0);
        }
        DevMailbox.Page found = mailbox.list(to, page, size);
        return new Page(
                found.items().stream()
                        .map(e -> new Entry(e.id(), e.to(), e.subject(), e.kind(), e.locale(), e.createdAt()))
                        .toList(),
                found.page(),
                found.size(),
                found.total());
    }

    @Override
    public Optional<Message> find(UUID id) {
        if (!(transport instanceof DevMailbox mailbox)) {
            return Optional.empty();
        }
        return mailbox.find(id)
                .map(m -> new Message(
                        m.id(), m.to(), m.subject(), m.kind(), m.locale(), m.createdAt(), m.text(), m.html()));
    }
}
