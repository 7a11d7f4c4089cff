package app.dukkan.community.profile;

import app.dukkan.catalog.ProductCards;
import app.dukkan.catalog.SellerProducts;
import app.dukkan.catalog.ShopCatalog.ProductCard;
import app.dukkan.community.Profiles;
import app.dukkan.community.limits.CommunityLimits;
import app.dukkan.community.profile.ProfileRepository.ProfileRow;
import app.dukkan.community.profile.ProfileRepository.Viewed;
import app.dukkan.identity.UserId;
import app.dukkan.moderation.ContentKind;
import app.dukkan.moderation.ContentRef;
import app.dukkan.moderation.Moderation;
import app.dukkan.moderation.Screening;
import app.dukkan.platform.Pictures;
import app.dukkan.platform.Pictures.Picture;
import app.dukkan.platform.ProblemException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.InputStreamSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Profiles as the API and the pages show them, and their owners' changes. Avatars are processed
 * outside any transaction ({@link Pictures}); then one transaction writes the row, and the old
 * avatar's files go after it (the new one's if it fails), unless another profile uses the same file.
 */
@Service
class ProfileService implements Profiles {

    static final String AVATARS = "community/avatars";
    private static final int MAX_NAME = 100;
    private static final int MAX_BIO = 500;

    private final ProfileDirectory directory;
    private final ProfileRepository profiles;
    private final Moderation moderation;
    private final Pictures pictures;
    private final SellerProducts sellerProducts;
    private final ProductCards cards;
    private final CommunityLimits limits;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;

    ProfileService(
            ProfileDirectory directory,
            ProfileRepository profiles,
            Moderation moderation,
            Pictures pictures,
            SellerProducts sellerProducts,
            ProductCards cards,
            CommunityLimits limits,
            Clock clock,
            PlatformTransactionManager transactions,
            ApplicationEventPublisher events) {
        this.directory = directory;
        this.profiles = profiles;
        this.moderation = moderation;
        this.pictures = pictures;
        this.sellerProducts = sellerProducts;
        this.cards = cards;
        this.limits = limits;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.events = events;
    }

    @Override
    public Profile profile(String handle, @Nullable UserId viewer) {
        Viewed viewed = profiles.viewed(handle.toLowerCase(Locale.ROOT), viewer == null ? null : viewer.value())
                .filter(found -> !"removed".equals(found.row().status())
                        || found.row().userId().equals(viewer == null ? null : viewer.value()))
                .orElseThrow(() -> ProblemException.notFound("profile", handle));
        return view(viewed, viewer);
    }

    @Override
    public Profile mine(UserId user) {
        return profile(directory.ensure(user).handle(), user);
    }

    @Override
    public Profile change(UserId user, ProfileChange change, String clientAddress) {
        ProfileRow current = own(user);
        // a handle kept as it is needs no check: one taken before a word was reserved stays usable
        String handle = change.handle() == null || change.handle().strip().equalsIgnoreCase(current.handle())
                ? current.handle()
                : checkedHandle(change.handle());
        String name = change.displayName() == null
                ? current.displayName()
                : change.displayName().strip();
        String bio = change.bio() == null ? current.bio() : change.bio().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw ProblemException.invalid("display_name", "must be 1 to " + MAX_NAME + " characters");
        }
        if (bio.length() > MAX_BIO) {
            throw ProblemException.invalid("bio", "must be at most " + MAX_BIO + " characters");
        }
        if (profiles.handleTaken(handle, user.value())) {
            throw taken();
        }
        limits.profileChange(user, clientAddress);
        try {
            transaction.executeWithoutResult(status -> {
                // the profile before its queue entry, which screening writes, as moderation locks them
                profiles.lock(user.value());
                Screening screening =
                        moderation.screen(new ContentRef(ContentKind.PROFILE, user.value()), user, List.of(name, bio));
                profiles.updateTexts(
                        user.value(),
                        handle,
                        screening.texts().get(0),
                        screening.texts().get(1),
                        screening.hidden(),
                        clock.instant());
                events.publishEvent(new MemberShownChanged(user.value()));
            });
        } catch (DuplicateKeyException e) {
            throw taken();
        }
        return profile(handle, user);
    }

    @Override
    public Profile changeAvatar(UserId user, long size, InputStreamSource content, String clientAddress) {
        own(user);
        limits.profileChange(user, clientAddress);
        Pictures.Prepared prepared = pictures.prepare(size, content);
        ProfileRow old = transaction.execute(status -> {
            ProfileRow row = own(user);
            Picture picture = pictures.store(AVATARS, prepared, profiles::avatarInUse);
            profiles.updateAvatar(user.value(), picture, clock.instant());
            events.publishEvent(new MemberShownChanged(user.value()));
            return row;
        });
        deleteFiles(Objects.requireNonNull(old));
        return mine(user);
    }

    @Override
    public Profile removeAvatar(UserId user, String clientAddress) {
        own(user);
        limits.profileChange(user, clientAddress);
        ProfileRow old = transaction.execute(status -> {
            ProfileRow row = own(user);
            profiles.updateAvatar(user.value(), null, clock.instant());
            events.publishEvent(new MemberShownChanged(user.value()));
            return row;
        });
        deleteFiles(Objects.requireNonNull(old));
        return mine(user);
    }

    @Override
    public long maxAvatarSize() {
        return pictures.maxFileSize();
    }

    @Override
    public List<ProductCard> products(UUID member, int limit) {
        return cards.byIds(sellerProducts.newestActive(member, limit)).stream()
                .map(ProductCards.Card::card)
                .toList();
    }

    /** The member's profile row, made now if they have none. */
    private ProfileRow own(UserId user) {
        directory.ensure(user);
        return profiles.find(user.value()).orElseThrow(() -> ProblemException.notFound("profile", user));
    }

    private void deleteFiles(ProfileRow old) {
        if (old.avatarHash() != null) {
            pictures.deleteUnused(old.avatarHash(), old.renditions(), profiles::avatarInUse);
        }
    }

    private Profile view(Viewed viewed, @Nullable UserId viewer) {
        ProfileRow row = viewed.row();
        boolean own = viewer != null && row.userId().equals(viewer.value());
        boolean shown = row.visible() || own;
        return new Profile(
                row.userId(),
                row.handle(),
                shown ? row.displayName() : row.handle(),
                shown ? row.bio() : "",
                shown ? row.avatarUrl() : null,
                shown
                        ? row.renditions().stream()
                                .map(r -> new AvatarImage(r.width(), r.height(), r.url()))
                                .toList()
                        : List.of(),
                row.followers(),
                row.following(),
                sellerProducts.sellsAny(row.userId()),
                !row.visible(),
                own,
                viewed.followed(),
                viewed.blocked(),
                viewed.blocksViewer());
    }

    static String checkedHandle(String handle) {
        String normalized = handle.strip().toLowerCase(Locale.ROOT);
        if (!ProfileDirectory.wellFormed(normalized)) {
            throw ProblemException.invalid(
                    "handle", "must be 3 to 30 letters a-z, digits or underscores (stored in lower case)");
        }
        if (ProfileDirectory.reserved(normalized)) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "handle-reserved",
                    "Reserved handle",
                    "handle: '" + normalized + "' is reserved; choose another",
                    List.of(new ProblemException.FieldProblem("handle", "is reserved")));
        }
        return normalized;
    }

    private static ProblemException taken() {
        return ProblemException.conflict("handle", "is taken; choose another");
    }
}
