package app.dukkan.storefront.checkout;

/** A message above a step's content: a key with its arguments and its kind (success, warning, error). */
record Notice(String key, String kind, Object... args) {

    static Notice error(String key, Object... args) {
        return new Notice(key, "error", args);
    }

    static Notice warning(String key, Object... args) {
        return new Notice(key, "warning", args);
    }

    static Notice success(String key, Object... args) {
        return new Notice(key, "success", args);
    }

    /** Alerts are read out at once; other notices are polite. */
    public String role() {
        return kind.equals("error") ? "alert" : "status";
    }
}
