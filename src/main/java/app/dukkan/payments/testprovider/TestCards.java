package app.dukkan.payments.testprovider;

/** Stripe's test card numbers and what the test provider does with them. */
final class TestCards {

    enum Outcome {
        SUCCEED,
        DECLINE,
        INSUFFICIENT_FUNDS,
        REQUIRE_ACTION
    }

    static final String SUCCESS = "4242424242424242";
    static final String DECLINED = "4000000000000002";
    static final String INSUFFICIENT = "4000000000009995";
    static final String THREE_D_SECURE = "4000002760003184";

    private TestCards() {}

    /** Any other valid number succeeds. */
    static Outcome outcome(String number) {
        return switch (number) {
            case DECLINED -> Outcome.DECLINE;
            case INSUFFICIENT -> Outcome.INSUFFICIENT_FUNDS;
            case THREE_D_SECURE -> Outcome.REQUIRE_ACTION;
            default -> Outcome.SUCCEED;
        };
    }

    /** 12 to 19 digits passing the Luhn check. */
    static boolean valid(String number) {
        if (!number.matches("\\d{12,19}")) {
            return false;
        }
        int sum = 0;
        boolean twice = false;
        for (int i = number.length() - 1; i >= 0; i--) {
            int digit = number.charAt(i) - '0';
            if (twice) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
