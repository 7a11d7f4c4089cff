package app.dukkan.payments.provider;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when a non-blank {@code dukkan.payments.stripe.secret-key} is configured. */
public final class StripeConfigured implements Condition {

    static final String KEY = "dukkan.payments.stripe.secret-key";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String key = context.getEnvironment().getProperty(KEY);
        return key != null && !key.isBlank();
    }

    /** The opposite: no Stripe key, so the built-in test provider is active. */
    public static final class Not implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !new StripeConfigured().matches(context, metadata);
        }
    }
}
