/**
 * The shop's community: profiles, follows and blocks, posts with their pictures and tagged
 * products, the feed, likes, comments, in-app notifications and product reviews by verified buyers.
 * What people write is screened by moderation and can be acted on through moderation's {@link
 * app.dukkan.moderation.ModeratedContent}. Its pages are the storefront's.
 */
@ApplicationModule(
        displayName = "Community",
        allowedDependencies = {"platform", "privacy", "identity", "identity::limits", "catalog", "orders", "moderation"
        })
@NullMarked
package app.dukkan.community;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
