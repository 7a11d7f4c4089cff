package app.dukkan.payments.provider;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when a non-blank {@code dukkan.payments.stripe.secret-key} is configured. */
public final class StripeConfigured implements Condition {

    static final String KEY = "dukkan.payments.stripe.secret-key";
    static final String TEST_PROVIDER_ENABLED = "dukkan.payments.test-provider.enabled";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return stripe(context.getEnvironment());
    }

    static boolean stripe(Environment environment) {
        String key = environment.getProperty(KEY);
        return key != null && !key.isBlank();
    }

    /** The built-in test provider was switched on (Stripe, when configured, still wins). */
    static boolean testProviderEnabled(Environment environment) {
        return environment.getProperty(TEST_PROVIDER_ENABLED, Boolean.class, false);
    }

    /** No Stripe key, and the built-in test provider is switched on: the test provider is active. */
    public static final class TestProviderActive implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Environment environment = context.getEnvironment();
            return !stripe(environment) && testProviderEnabled(environment);
        }
    }
}
