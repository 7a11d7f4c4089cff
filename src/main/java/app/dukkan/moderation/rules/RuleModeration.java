package app.dukkan.moderation.rules;

import app.dukkan.identity.UserId;
import app.dukkan.moderation.ContentRef;
import app.dukkan.moderation.Moderation;
import app.dukkan.moderation.Screening;
import java.util.List;
import org.springframework.stereotype.Service;

/** Screens content against the shop's rules. No rules are stored yet, so every text passes as written. */
@Service
class RuleModeration implements Moderation {

    @Override
    public Screening screen(ContentRef item, UserId author, List<String> texts) {
        return new Screening(List.copyOf(texts), false, false, List.of());
    }

    @Override
    public void forget(ContentRef item) {}
}
