package app.dukkan.community.profile;

import java.util.UUID;

/**
 * What the shop shows of a member next to their words changed (name, handle, avatar, or moderation
 * hid or restored the profile): pages that show it, such as products with their reviews, are to be
 * drawn again. Published inside the transaction that made the change.
 */
public record MemberShownChanged(UUID member) {}
