package app.dukkan.testing;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook payload as Stripe does: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<payload>" keyed with the endpoint secret>}. Written here independently of the production code.
 */
public final class StripeSignatures {

    private StripeSignatures() {}

    public static String sign(String payload, String secret, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String v1 =
                    HexFormat.of().formatHex(mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8)));
            return "t=" + timestamp + ",v1=" + v1;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String event(String id, String type, String object) {
        return event(id, type, object, System.currentTimeMillis() / 1000);
    }

    /** An event the provider made at {@code created} (epoch seconds). */
    public static String event(String id, String type, String object, long created) {
        return """
                {"id":"%s","object":"event","api_version":"2025-06-30.basil","created":%d,"livemode":false,\
                "type":"%s","data":{"object":%s}}""".formatted(id, created, type, object);
    }

    public static String intent(String id, long amount, String status) {
        return """
                {"id":"%s","object":"payment_intent","amount":%d,"currency":"eur","status":"%s",\
                "metadata":{},"last_payment_error":null}""".formatted(id, amount, status);
    }

    public static String charge(String paymentIntent, long amount, long refunded) {
        return """
                {"id":"ch_%s","object":"charge","amount":%d,"amount_refunded":%d,"currency":"eur",\
                "payment_intent":"%s","refunded":%b}""".formatted(paymentIntent, amount, refunded, paymentIntent, amount == refunded);
    }

    /** A dispute (chargeback) of the intent's charge, evidence due in a week. */
    public static String dispute(String id, String paymentIntent, long amount, String reason, String status) {
        return """
                {"id":"%s","object":"dispute","amount":%d,"currency":"eur","charge":"ch_%s","payment_intent":"%s",\
                "reason":"%s","status":"%s","evidence_details":{"due_by":%d,"has_evidence":false}}""".formatted(
                        id,
                        amount,
                        paymentIntent,
                        paymentIntent,
                        reason,
                        status,
                        System.currentTimeMillis() / 1000 + 7 * 86_400);
    }

    /**
     * A refund of the intent's charge as Stripe's refund events carry it; {@code shopRefundId} is the
     * shop's id in its metadata (none when null), {@code failureReason} Stripe's when it failed.
     */
    public static String refund(
            String id, String paymentIntent, long amount, String status, String shopRefundId, String failureReason) {
        return """
                {"id":"%s","object":"refund","amount":%d,"currency":"eur","charge":"ch_%s","payment_intent":"%s",\
                "status":"%s","metadata":{%s},"failure_reason":%s}""".formatted(
                        id,
                        amount,
                        paymentIntent,
                        paymentIntent,
                        status,
                        shopRefundId == null ? "" : "\"dukkan_refund\":\"" + shopRefundId + "\"",
                        failureReason == null ? "null" : "\"" + failureReason + "\"");
    }
}
