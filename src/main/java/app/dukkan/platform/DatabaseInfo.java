package app.dukkan.platform;

/**
 * Which database the shop runs on.
 *
 * @param embedded true when the shop started its own PostgreSQL (local development default)
 */
public record DatabaseInfo(boolean embedded) {}
