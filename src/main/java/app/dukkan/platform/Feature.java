package app.dukkan.platform;

/** The shop's feature flags: switched on and off at run time, by operators, on every instance at once. */
public enum Feature {
    /** Installable shop: manifest and a service worker that serves visited pages offline. */
    PWA("pwa"),
    /** Live stock on product and listing pages. */
    REALTIME("realtime"),
    /** Loyalty points and badges shown to customers. */
    POINTS("points"),
    /** Recommended and recently viewed products. */
    RECOMMENDATIONS("recommendations");

    private final String key;

    Feature(String key) {
        this.key = key;
    }

    /** The flag's key in the flag table and the OpenFeature API. */
    public String key() {
        return key;
    }
}
