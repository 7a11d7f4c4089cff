package app.dukkan.community;

import app.dukkan.catalog.ShopCatalog.ProductCard;
import app.dukkan.identity.UserId;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.InputStreamSource;

/**
 * Members' public profiles: handle, name, bio, avatar and counts, as the API and the pages show
 * them, and their owners' changes. Names and bios are screened by moderation on every change; a
 * hidden profile shows its name and bio to its owner alone (others see the handle), a removed one
 * is a 404 for everyone but its owner.
 */
public interface Profiles {

    /** One rendition of an avatar. */
    record AvatarImage(int width, int height, String url) {}

    /**
     * A profile as one viewer sees it.
     *
     * @param avatarUrl the smallest rendition, for lists and headers; null without an avatar
     * @param seller whether the member sells in the shop (their profile lists their products)
     * @param hidden hidden by moderation: others see the handle only
     * @param own the viewer's own profile
     * @param followed the viewer follows this member
     * @param blocked the viewer blocked this member
     * @param blocksViewer this member blocked the viewer
     */
    record Profile(
            UUID id,
            String handle,
            String displayName,
            String bio,
            @Nullable String avatarUrl,
            List<AvatarImage> avatar,
            int followers,
            int following,
            boolean seller,
            boolean hidden,
            boolean own,
            boolean followed,
            boolean blocked,
            boolean blocksViewer) {}

    /** A change of one's own profile; null fields stay as they are. */
    record ProfileChange(
            @Nullable String handle,
            @Nullable String displayName,
            @Nullable String bio) {}

    /** The profile with this handle (any case) as {@code viewer} sees it, or 404 {@code not-found}. */
    Profile profile(String handle, @Nullable UserId viewer);

    /** The member's own profile, made now if they have none. */
    Profile mine(UserId user);

    /**
     * Changes the member's own profile: handle {@code ^[a-z0-9_]{3,30}$} (any case, stored in lower
     * case; reserved words refused; 409 when taken), display name 1 to 100 characters, bio at most
     * 500. Name and bio are screened by moderation (422 {@code content-refused} for a blocking rule).
     * Changes of a profile count against the member's and the client address's limits
     * (dukkan.community.limits.profile-changes; 429 with Retry-After).
     */
    Profile change(UserId user, ProfileChange change, String clientAddress);

    /** Checks, processes and stores a new avatar (through the shop's picture pipeline); the old one's files go. */
    Profile changeAvatar(UserId user, long size, InputStreamSource content, String clientAddress);

    /** Removes the avatar and its files. */
    Profile removeAvatar(UserId user, String clientAddress);

    /** The largest avatar file accepted, in bytes. */
    long maxAvatarSize();

    /** A seller's active products as product cards, newest first, at most {@code limit}. */
    List<ProductCard> products(UUID member, int limit);
}
