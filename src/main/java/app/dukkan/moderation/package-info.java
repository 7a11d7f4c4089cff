/**
 * Moderation of what people write (posts, comments, reviews, profiles): rules matched against text
 * that survives simple evasion, reports, the queue operators work through and their actions. The
 * module that owns the content screens it with {@link app.dukkan.moderation.Moderation} and lets
 * moderation act on it through a {@link app.dukkan.moderation.ModeratedContent} bean.
 */
@ApplicationModule(
        displayName = "Moderation",
        allowedDependencies = {"platform", "privacy", "identity", "identity::limits"})
@NullMarked
package app.dukkan.moderation;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
