package app.dukkan.identity.account;

/** What a mailed token lets its holder do. */
enum TokenPurpose {
    EMAIL_VERIFICATION("email-verification"),
    PASSWORD_RESET("password-reset"),
    MAGIC_LINK("magic-link");

    private final String code;

    TokenPurpose(String code) {
        this.code = code;
    }

    String code() {
        return code;
    }
}
