package app.dukkan.payments.provider;

import app.dukkan.payments.PaymentStatus;

/** What the provider answered to an intent creation. */
public record ProviderIntent(String providerPaymentId, String clientSecret, PaymentStatus status) {}
