/**
 * API keys: their secrets (only hashes stored), their records, the service behind {@link
 * app.dukkan.identity.ApiKeys} and the check of a presented key ({@link ApiKeyAuthenticator}), which
 * the security configuration uses (ADR 0032).
 */
@NullMarked
package app.dukkan.identity.apikey;

import org.jspecify.annotations.NullMarked;
