package app.dukkan.privacy;

/**
 * A consent entry was recorded: published in the transaction that records it, so that a module
 * listening synchronously makes the choice effective in the same transaction (or fails it).
 */
public record ConsentRecorded(Consents.Entry entry) {}
