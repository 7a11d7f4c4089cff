package app.dukkan.identity;

/**
 * A key just created, with its secret: the only time the secret is known; only its hash is kept.
 *
 * @param secret the whole key, {@code dk_<public id>_<secret>}, to send as {@code Authorization:
 *     Bearer …} or {@code X-API-Key}
 */
public record NewApiKey(ApiKey key, String secret) {}
