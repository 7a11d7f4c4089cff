/**
 * Privacy (PDPL, GDPR-style): the consent log, exports of everything the shop holds about a
 * person, and erasure that leaves no trace of them. Every module holding personal data implements
 * {@link app.dukkan.privacy.PersonalData}; this module finds them as beans and asks each for its
 * part, so it depends on none of them. Identity is the exception: the account is exported and
 * erased here, through identity's public API.
 */
@ApplicationModule(
        displayName = "Privacy",
        allowedDependencies = {"platform", "identity"})
@NullMarked
package app.dukkan.privacy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
