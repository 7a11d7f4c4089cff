package app.dukkan.privacy.consent;

import app.dukkan.identity.SignUpConsent;
import app.dukkan.identity.SignUpConsentGiven;
import app.dukkan.privacy.Consents;
import app.dukkan.privacy.DataSubject;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records a new account's consents in the sign-up's own transaction (a listener called as the
 * event is published): if either insert fails, there is no account either.
 */
@Component
class SignUpConsents {

    private final Consents consents;

    SignUpConsents(Consents consents) {
        this.consents = consents;
    }

    @EventListener
    void on(SignUpConsentGiven given) {
        SignUpConsent consent = given.consent();
        DataSubject subject = new DataSubject(given.user().value(), given.email(), null, null);
        Consents.Channel channel =
                consent.channel() == SignUpConsent.Channel.API ? Consents.Channel.API : Consents.Channel.WEB;
        consents.record(subject, Consents.Purpose.PROCESSING, consent.privacyNotice(), channel, given.clientAddress());
        if (consent.marketing()) {
            consents.record(subject, Consents.Purpose.MARKETING, true, channel, given.clientAddress());
        }
    }
}
