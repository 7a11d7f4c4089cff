package app.dukkan.community.seed;

import app.dukkan.catalog.CatalogSitemap;
import app.dukkan.catalog.ShopCatalog;
import app.dukkan.catalog.ShopCatalog.Product;
import app.dukkan.community.Comments;
import app.dukkan.community.Follows;
import app.dukkan.community.Posts;
import app.dukkan.community.Profiles;
import app.dukkan.community.Reviews;
import app.dukkan.community.profile.ProfileDirectory;
import app.dukkan.identity.AccountDirectory;
import app.dukkan.identity.UserId;
import app.dukkan.orders.DemoPurchases;
import app.dukkan.platform.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Seeds a demo community into the demo shop, so that {@code /explore}, profiles and product pages
 * show members at work: a dozen members with profiles in English, German and Arabic, follows,
 * posts (some tagging demo products, one mentioning a member), comments with replies, likes, and
 * reviews by members who bought the product (a fulfilled order each). It runs with the demo shop
 * ({@code dukkan.seed.demo-products} above 0, no top-up through {@code dukkan.seed.products}) unless
 * {@code dukkan.seed.demo-community} is false, and only once: when the first demo member has a
 * profile, it does nothing. Everything goes through the community's services, so counts,
 * moderation, feeds and notifications are as if the members had written it; their writes are
 * counted from the address {@value #ADDRESS}, well within the shop's limits.
 */
@Component
@EnableConfigurationProperties(DemoCommunity.DemoCommunityProperties.class)
class DemoCommunity implements ApplicationRunner {

    /**
     * @param demoProducts the demo shop's products (0: no demo shop, no demo community)
     * @param products the catalog's top-up for benchmarks (above 0: no demo community)
     * @param demoCommunity whether the demo shop gets a demo community
     */
    @ConfigurationProperties("dukkan.seed")
    record DemoCommunityProperties(
            @DefaultValue("200") int demoProducts,
            @DefaultValue("0") int products,
            @DefaultValue("true") boolean demoCommunity) {}

    /** The client address the demo members' writes are counted from. */
    static final String ADDRESS = "demo-seed";

    private static final Logger log = LoggerFactory.getLogger(DemoCommunity.class);
    private static final int PRODUCTS = 24;

    private record Member(String handle, String name, String bio, Locale locale) {}

    private static final Locale EN = Locale.ENGLISH;
    private static final Locale DE = Locale.GERMAN;
    private static final Locale AR = Locale.forLanguageTag("ar");

    static final List<Member> MEMBERS = List.of(
            new Member("lina_haddad", "Lina Haddad", "Ceramics, slow mornings and good coffee. Berlin.", EN),
            new Member(
                    "jonas_weber",
                    "Jonas Weber",
                    "Radfahrer, Hobbykoch und immer auf der Suche nach gutem Werkzeug.",
                    DE),
            new Member("nour_alsayed", "نور السيد", "أحب القراءة والقهوة والأشياء المصنوعة يدوياً.", AR),
            new Member("mia_schneider", "Mia Schneider", "Wohnen, Pflanzen und Flohmärkte am Wochenende.", DE),
            new Member("omar_farouk", "Omar Farouk", "Runner, tinkerer, father of two. I review what I buy.", EN),
            new Member("sara_klein", "Sara Klein", "Designer. Minimal desk, maximal notebooks.", EN),
            new Member("youssef_amin", "يوسف أمين", "مهندس برمجيات، أحب التصوير والرحلات الطويلة.", AR),
            new Member("emma_fischer", "Emma Fischer", "Lehrerin aus Hamburg. Ich liebe Bücher und Tee.", DE),
            new Member("karim_nasser", "Karim Nasser", "Home cook. Spices, cast iron and Sunday markets.", EN),
            new Member("hannah_becker", "Hannah Becker", "Nachhaltig einkaufen, lange benutzen.", DE),
            new Member("layla_rahman", "ليلى رحمن", "أم لطفلين وعاشقة للنباتات المنزلية.", AR),
            new Member("tom_hughes", "Tom Hughes", "Gadgets, camping and honest opinions.", EN));

    /** A post: its author (index), text and the demo product it tags (index), if any. */
    private record PostSeed(int author, String text, int product) {}

    private static final int NONE = -1;

    private static final List<PostSeed> POSTS = List.of(
            new PostSeed(0, "Finally found the perfect piece for my shelf. Look at that finish!", 0),
            new PostSeed(1, "Heute ist mein Paket angekommen – schnell geliefert und gut verpackt.", 1),
            new PostSeed(2, "وصلني الطلب اليوم، الجودة أفضل مما توقعت!", 2),
            new PostSeed(3, "Mein Wohnzimmer-Update fürs Wochenende. Was meint ihr?", 3),
            new PostSeed(4, "Tested this on my morning runs for two weeks. Full review coming soon.", 4),
            new PostSeed(5, "Desk setup, version 12. Less is more.", NONE),
            new PostSeed(6, "صباح الخير للجميع! ما هي أفضل مشترياتكم هذا الشهر؟", NONE),
            new PostSeed(7, "Regentag, Tee und ein gutes Buch. Mehr braucht es nicht.", NONE),
            new PostSeed(8, "Sunday market haul, and this one from the shop completes the kitchen.", 5),
            new PostSeed(9, "Lieber einmal gut kaufen als dreimal billig. Dieses hier hält.", 6),
            new PostSeed(10, "نباتاتي الجديدة تحب ضوء الصباح 🌿", NONE),
            new PostSeed(11, "Packed for the weekend trip. This little thing earned its place.", 7),
            new PostSeed(0, "Thanks @jonas_weber for the tip, it was exactly what I needed.", 8),
            new PostSeed(1, "Kennt jemand eine gute Alternative? Meins ist leider ausverkauft.", NONE),
            new PostSeed(2, "هدية عيد ميلاد أختي، أتمنى أن تعجبها!", 9),
            new PostSeed(3, "Neue Farbe, neues Glück. Ich bin verliebt.", 10),
            new PostSeed(4, "Anyone else stocking up before the holidays?", NONE),
            new PostSeed(5, "Gift idea for designers: you can't go wrong with this.", 11),
            new PostSeed(6, "جربته لمدة شهر، وهذا رأيي بصراحة: يستحق السعر.", 12),
            new PostSeed(7, "Mein Lieblingsstück in diesem Herbst.", 13),
            new PostSeed(8, "Recipe night! Who wants the recipe for my lentil soup?", NONE),
            new PostSeed(9, "Reparieren statt wegwerfen – heute mit neuem Ersatzteil.", 14),
            new PostSeed(10, "ما رأيكم في هذا اللون؟", 15),
            new PostSeed(11, "Unboxing day. First impressions are very good.", 16),
            new PostSeed(0, "Small shops, big smiles. Happy Friday everyone!", NONE),
            new PostSeed(4, "Two weeks later: still love it. Worth every cent.", 4),
            new PostSeed(7, "Danke an alle für die Buchtipps! Die Liste wird immer länger.", NONE),
            new PostSeed(2, "شكراً لكل من رحب بي هنا، مجتمع رائع ❤️", NONE),
            new PostSeed(5, "Matching set, finally complete.", 17),
            new PostSeed(11, "Camping checklist: tent, stove, and this. Done.", 18));

    /** A comment: the post (index), its author (index), its text and the comment it replies to (index), if any. */
    private record CommentSeed(int post, int author, String text, int parent) {}

    private static final List<CommentSeed> COMMENTS = List.of(
            new CommentSeed(0, 3, "Wow, das sieht wunderschön aus!", NONE),
            new CommentSeed(0, 0, "Danke Mia! It looks even better in person.", 0),
            new CommentSeed(0, 5, "Where did you put it? Kitchen?", NONE),
            new CommentSeed(1, 9, "Gut zu wissen, ich überlege auch zu bestellen.", NONE),
            new CommentSeed(2, 6, "مبروك! شاركينا رأيك بعد الاستخدام.", NONE),
            new CommentSeed(2, 2, "بالتأكيد، سأكتب تقييماً قريباً.", 4),
            new CommentSeed(3, 1, "Sehr gemütlich. Die Farbe passt perfekt.", NONE),
            new CommentSeed(3, 7, "Ich mag die Pflanze in der Ecke!", NONE),
            new CommentSeed(4, 11, "Looking forward to the review.", NONE),
            new CommentSeed(4, 8, "How does it hold up in the rain?", NONE),
            new CommentSeed(4, 4, "Surprisingly well, no issues so far.", 9),
            new CommentSeed(5, 0, "So clean! What lamp is that?", NONE),
            new CommentSeed(5, 9, "Minimalismus pur. Gefällt mir.", NONE),
            new CommentSeed(6, 10, "صباح النور! اشتريت نبتة جديدة 🌱", NONE),
            new CommentSeed(6, 2, "أنا اشتريت كتاباً رائعاً.", NONE),
            new CommentSeed(7, 3, "Klingt nach einem perfekten Tag.", NONE),
            new CommentSeed(8, 0, "That looks delicious already.", NONE),
            new CommentSeed(8, 4, "Great haul!", NONE),
            new CommentSeed(9, 1, "Genau meine Meinung.", NONE),
            new CommentSeed(10, 6, "ما شاء الله، جميلة جداً.", NONE),
            new CommentSeed(11, 5, "Good choice, I have the same one.", NONE),
            new CommentSeed(12, 1, "Gern geschehen, Lina! 😊", NONE),
            new CommentSeed(13, 3, "Schau mal in der Kategorie nach, da gibt es ähnliche.", NONE),
            new CommentSeed(14, 10, "ستحبها بالتأكيد!", NONE),
            new CommentSeed(15, 7, "Die Farbe ist toll.", NONE),
            new CommentSeed(16, 8, "Already done, the list is long this year.", NONE),
            new CommentSeed(16, 11, "Not yet, thanks for the reminder!", NONE),
            new CommentSeed(17, 0, "Adding it to my wishlist.", NONE),
            new CommentSeed(18, 2, "شكراً على المراجعة الصادقة.", NONE),
            new CommentSeed(19, 9, "Sehr schön!", NONE),
            new CommentSeed(20, 0, "Yes please!", NONE),
            new CommentSeed(20, 5, "Me too!", NONE),
            new CommentSeed(20, 8, "Coming up in my next post.", 30),
            new CommentSeed(21, 3, "Toll, dass du das reparierst.", NONE),
            new CommentSeed(22, 6, "اللون رائع!", NONE),
            new CommentSeed(23, 4, "Let us know how it goes.", NONE),
            new CommentSeed(24, 7, "Happy Friday!", NONE),
            new CommentSeed(25, 5, "Good to hear, I'm convinced.", NONE),
            new CommentSeed(27, 10, "أهلاً وسهلاً بك!", NONE),
            new CommentSeed(29, 4, "Don't forget the headlamp.", NONE));

    /** A review: its author (index), the product (index), stars, title and text. */
    private record ReviewSeed(int author, int product, int rating, String title, String text) {}

    private static final List<ReviewSeed> REVIEWS = List.of(
            new ReviewSeed(0, 0, 5, "Beautiful", "Lovely finish and exactly as pictured. Would buy again."),
            new ReviewSeed(
                    1,
                    1,
                    4,
                    "Gut verarbeitet",
                    "Solide Qualität, schnelle Lieferung. Ein Stern Abzug für die Verpackung."),
            new ReviewSeed(2, 2, 5, "ممتاز", "جودة عالية وسعر مناسب، أنصح به."),
            new ReviewSeed(
                    3, 3, 4, "Schön", "Passt super ins Wohnzimmer, die Farbe ist etwas dunkler als auf dem Bild."),
            new ReviewSeed(4, 4, 5, "Great for running", "Comfortable, light and holds up in the rain."),
            new ReviewSeed(8, 5, 4, "Good value", "Does the job well. I use it every day."),
            new ReviewSeed(9, 6, 5, "Langlebig", "Hält, was es verspricht. Klare Empfehlung."),
            new ReviewSeed(11, 7, 3, "Okay", "Works, but the battery could last longer."),
            new ReviewSeed(0, 8, 5, "Just right", "Exactly what I was looking for."),
            new ReviewSeed(5, 0, 4, "Nice piece", "Looks great on my desk. Slightly smaller than I expected."),
            new ReviewSeed(6, 12, 4, "يستحق السعر", "منتج جيد، استخدمته لمدة شهر بدون مشاكل."),
            new ReviewSeed(7, 13, 5, "Wunderbar", "Mein Lieblingsstück. Sehr gute Qualität."),
            new ReviewSeed(10, 15, 4, "جميل", "اللون جميل جداً والتوصيل كان سريعاً."),
            new ReviewSeed(11, 16, 4, "Solid", "First impressions hold up after a few weeks."),
            new ReviewSeed(3, 0, 3, "Geht so", "Schön, aber für den Preis hätte ich mehr erwartet."));

    private final DemoCommunityProperties properties;
    private final AccountDirectory accounts;
    private final ProfileDirectory directory;
    private final Profiles profiles;
    private final Follows follows;
    private final Posts posts;
    private final Comments comments;
    private final Reviews reviews;
    private final DemoPurchases purchases;
    private final CatalogSitemap sitemap;
    private final ShopCatalog catalog;
    private final Clock clock;

    DemoCommunity(
            DemoCommunityProperties properties,
            AccountDirectory accounts,
            ProfileDirectory directory,
            Profiles profiles,
            Follows follows,
            Posts posts,
            Comments comments,
            Reviews reviews,
            DemoPurchases purchases,
            CatalogSitemap sitemap,
            ShopCatalog catalog,
            Clock clock) {
        this.properties = properties;
        this.accounts = accounts;
        this.directory = directory;
        this.profiles = profiles;
        this.follows = follows;
        this.posts = posts;
        this.comments = comments;
        this.reviews = reviews;
        this.purchases = purchases;
        this.sitemap = sitemap;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        seed();
    }

    /** Seeds the demo community if it is switched on and not there yet; whether it seeded. */
    boolean seed() {
        if (!properties.demoCommunity() || properties.demoProducts() <= 0 || properties.products() > 0) {
            return false;
        }
        if (directory.byHandle(MEMBERS.get(0).handle()).isPresent()) {
            return false;
        }
        List<Product> products = products();
        if (products.isEmpty()) {
            log.info("No active products: no demo community seeded");
            return false;
        }
        long started = System.nanoTime();
        List<UserId> members = members();
        follows(members);
        List<UUID> postIds = posts(members, products);
        int commentCount = comments(members, postIds);
        int likeCount = likes(members, postIds);
        int reviewCount = reviews(members, products);
        log.info(
                "Seeded a demo community in {} ms: {} members, {} posts, {} comments, {} likes, {} reviews",
                Duration.ofNanos(System.nanoTime() - started).toMillis(),
                members.size(),
                postIds.size(),
                commentCount,
                likeCount,
                reviewCount);
        return true;
    }

    private List<Product> products() {
        List<String> slugs = new ArrayList<>();
        int chunkSize = 1_000;
        for (CatalogSitemap.Chunk chunk : sitemap.productChunks(chunkSize)) {
            sitemap.products(chunk.index(), chunkSize, entry -> slugs.add(entry.slug()));
            if (slugs.size() >= PRODUCTS * 2) {
                break;
            }
        }
        return slugs.stream()
                .map(catalog::product)
                .flatMap(Optional::stream)
                .filter(product -> !product.variants().isEmpty())
                .limit(PRODUCTS)
                .toList();
    }

    private List<UserId> members() {
        List<UserId> members = new ArrayList<>();
        for (Member member : MEMBERS) {
            UserId id = accounts.ensureCustomer(email(member), member.name(), member.locale());
            profiles.mine(id);
            profiles.change(id, new Profiles.ProfileChange(member.handle(), member.name(), member.bio()), ADDRESS);
            members.add(id);
        }
        return members;
    }

    static String email(Member member) {
        return member.handle().replace('_', '.') + "@community.example.com";
    }

    /** Everyone follows the first member; each also follows three others. */
    private void follows(List<UserId> members) {
        int n = members.size();
        for (int i = 0; i < n; i++) {
            List<Integer> followed = new ArrayList<>(List.of((i + 1) % n, (i + 2) % n, (i + 5) % n));
            if (i != 0 && !followed.contains(0)) {
                followed.add(0);
            }
            for (int j : followed) {
                UserId follower = members.get(i);
                if (j != i) {
                    attempt(() -> follows.follow(follower, MEMBERS.get(j).handle(), ADDRESS));
                }
            }
        }
    }

    private List<UUID> posts(List<UserId> members, List<Product> products) {
        List<UUID> ids = new ArrayList<>();
        for (PostSeed seed : POSTS) {
            List<UUID> tagged = seed.product() == NONE
                    ? List.of()
                    : List.of(products.get(seed.product() % products.size()).id());
            Posts.Post post = attempt(() ->
                    posts.create(members.get(seed.author()), ADDRESS, new Posts.Draft(seed.text(), List.of(), tagged)));
            ids.add(post == null ? null : post.id());
        }
        return ids;
    }

    private int comments(List<UserId> members, List<@Nullable UUID> postIds) {
        List<@Nullable UUID> ids = new ArrayList<>();
        int count = 0;
        for (CommentSeed seed : COMMENTS) {
            UUID post = postIds.get(seed.post());
            UUID parent = seed.parent() == NONE ? null : ids.get(seed.parent());
            Comments.Comment comment = post == null || (seed.parent() != NONE && parent == null)
                    ? null
                    : attempt(() -> comments.create(members.get(seed.author()), ADDRESS, post, seed.text(), parent));
            ids.add(comment == null ? null : comment.id());
            count += comment == null ? 0 : 1;
        }
        return count;
    }

    /** Three to six likes a post, from a fixed draw. */
    private int likes(List<UserId> members, List<@Nullable UUID> postIds) {
        Random random = new Random(17);
        int count = 0;
        for (UUID post : postIds) {
            if (post == null) {
                continue;
            }
            List<UserId> likers = new ArrayList<>(members);
            Collections.shuffle(likers, random);
            for (UserId member : likers.subList(0, 3 + random.nextInt(4))) {
                if (attempt(() -> posts.like(member, ADDRESS, post)) != null) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Each review's author first buys the product: reviews are by verified buyers. */
    private int reviews(List<UserId> members, List<Product> products) {
        int count = 0;
        Instant now = clock.instant();
        for (int i = 0; i < REVIEWS.size(); i++) {
            ReviewSeed seed = REVIEWS.get(i);
            UserId author = members.get(seed.author());
            Product product = products.get(seed.product() % products.size());
            purchases.placePaidOrder(
                    author,
                    email(MEMBERS.get(seed.author())),
                    List.of(product.slug()),
                    now.minus(Duration.ofDays(20 - i)));
            if (attempt(() -> reviews.write(
                            author, product.id(), new Reviews.Draft(seed.rating(), seed.title(), seed.text()), ADDRESS))
                    != null) {
                count++;
            }
        }
        return count;
    }

    private interface Write<T> {
        T run();
    }

    /** The write's answer, or null (logged) when the shop refused it: demo data never stops the shop. */
    private static <T> @Nullable T attempt(Write<T> write) {
        try {
            return write.run();
        } catch (ProblemException refused) {
            log.warn("Demo community: a write was refused ({})", refused.getMessage());
            return null;
        }
    }
}
