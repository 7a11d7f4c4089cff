package app.dukkan.catalog;

import static app.dukkan.testing.CatalogFixtures.product;
import static app.dukkan.testing.CatalogFixtures.variant;
import static org.assertj.core.api.Assertions.assertThat;

import app.dukkan.platform.AuditLog;
import app.dukkan.platform.FileStore;
import app.dukkan.platform.images.TestImages;
import app.dukkan.testing.ApiClient;
import app.dukkan.testing.CatalogFixtures;
import app.dukkan.testing.DukkanTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Uploads through {@code /api/v1/admin/products/{id}/images}: what is made, what is refused, who may. */
@DukkanTest
class ProductImagesApiTests {

    @LocalServerPort
    int port;

    @Autowired
    FileStore files;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog audit;

    CatalogFixtures fixtures;
    ApiClient admin;
    String category;

    @BeforeEach
    void setUp() {
        fixtures = new CatalogFixtures(port);
        admin = fixtures.admin();
        category = fixtures.category("Pictures", null);
    }

    private JsonNode newProduct(ApiClient as) {
        return fixtures.createProduct(
                as, product("Framed print " + CatalogFixtures.unique(""), category, List.of(variant("30.00", 3))));
    }

    private static String images(JsonNode product) {
        return "/api/v1/admin/products/" + product.get("id").asString() + "/images";
    }

    private ApiClient.Response upload(ApiClient as, JsonNode product, String name, String type, byte[] content) {
        return as.postFile(images(product), Map.of("alt", "A print"), name, type, content);
    }

    private int mediaCount(JsonNode product) {
        return jdbc.sql("select count(*) from product_media where product_id = ?::uuid")
                .param(product.get("id").asString())
                .query(Integer.class)
                .single();
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    /** Every key the pipeline could have written for this file: none may exist after a refusal. */
    private void assertNothingStoredFor(byte[] content) throws Exception {
        String hash = sha256(content);
        for (int width : List.of(320, 640, 960, 1280, 1600)) {
            assertThat(files.read("products/images/" + hash.substring(0, 2) + "/" + hash + "-" + width + ".jpg"))
                    .isEmpty();
        }
    }

    private static String fileKey(String url) {
        return url.substring(url.indexOf("products/images/"));
    }

    @Test
    void aJpegBecomesRenditionsWithoutMetadataAndShowsInTheShop() throws Exception {
        JsonNode product = newProduct(admin);
        // 2000×1500 stored sideways: EXIF orientation 6 turns it to 1500×2000
        byte[] photo = TestImages.withExif(TestImages.jpeg(2000, 1500), 6);

        JsonNode image = upload(admin, product, "holiday.png", "text/plain", photo)
                .expectStatus(201)
                .json();

        assertThat(image.get("width").asInt()).isEqualTo(1500);
        assertThat(image.get("height").asInt()).isEqualTo(2000);
        assertThat(image.get("alt").asString()).isEqualTo("A print");
        assertThat(image.get("uploaded").asBoolean()).isTrue();
        List<Integer> widths = new ArrayList<>();
        image.get("renditions").forEach(r -> widths.add(r.get("width").asInt()));
        assertThat(widths).containsExactly(320, 640, 960, 1280, 1500);
        JsonNode widest = image.get("renditions").get(4);
        assertThat(widest.get("height").asInt()).isEqualTo(2000);
        assertThat(image.get("url").asString()).isEqualTo(widest.get("url").asString());
        String hash = sha256(photo);
        assertThat(widest.get("url").asString())
                .isEqualTo("/files/products/images/" + hash.substring(0, 2) + "/" + hash + "-1500.jpg");

        for (JsonNode rendition : image.get("renditions")) {
            byte[] stored = files.read(fileKey(rendition.get("url").asString())).orElseThrow();
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(stored));
            assertThat(decoded.getWidth()).isEqualTo(rendition.get("width").asInt());
            assertThat(decoded.getHeight()).isEqualTo(rendition.get("height").asInt());
            // the EXIF segment (APP1 "Exif", camera make, GPS pointer) is gone: only JFIF and pixels
            assertThat(indexOf(stored, "Exif".getBytes())).isEqualTo(-1);
            assertThat(indexOf(stored, "Cam\0".getBytes())).isEqualTo(-1);
            assertThat(stored[2] & 0xFF).isEqualTo(0xFF);
            assertThat(stored[3] & 0xFF).isEqualTo(0xE0);
        }
        // served as files
        assertThat(fixtures.anonymous().get(widest.get("url").asString()).status())
                .isEqualTo(200);

        // the shop's product shows it at once (caches dropped), with its srcset
        JsonNode detail = fixtures.anonymous()
                .get("/api/v1/products/" + product.get("slug").asString())
                .expectStatus(200)
                .json();
        JsonNode media = detail.get("media").get(1);
        assertThat(media.get("srcset").asString())
                .contains(" 320w, ")
                .contains(" 640w, ")
                .endsWith(hash + "-1500.jpg 1500w");

        List<AuditLog.Entry> entries = audit.find(
                        new AuditLog.Query(
                                null,
                                "product.image-uploaded",
                                "product-image",
                                image.get("id").asString(),
                                null,
                                null),
                        null,
                        5)
                .items();
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).details()).containsEntry("format", "jpeg");
    }

    @Test
    void pngAndWebpAreTakenAndSmallPicturesAreNeverEnlarged() throws Exception {
        JsonNode product = newProduct(admin);
        BufferedImage small = TestImages.photo(500, 400, 7);
        JsonNode png = upload(admin, product, "a.jpg", "image/jpeg", TestImages.png(small))
                .expectStatus(201)
                .json();
        List<Integer> widths = new ArrayList<>();
        png.get("renditions").forEach(r -> widths.add(r.get("width").asInt()));
        assertThat(widths).containsExactly(320, 500);

        // WebP, lossy (VP8) and lossless (VP8L), made by libwebp's cwebp from a 96×64 gradient
        for (String name : List.of("gradient-96x64.webp", "gradient-96x64-lossless.webp")) {
            byte[] webp = getClass().getResourceAsStream("/images/" + name).readAllBytes();
            JsonNode fromWebp = upload(admin, product, "w.bin", "application/octet-stream", webp)
                    .expectStatus(201)
                    .json();
            assertThat(fromWebp.get("width").asInt()).isEqualTo(96);
            assertThat(fromWebp.get("height").asInt()).isEqualTo(64);
        }
    }

    @Test
    void refusalsAreProblemsAndStoreNothing() throws Exception {
        JsonNode product = newProduct(admin);
        int before = mediaCount(product);

        byte[] text = "name,price\nmug,3\n".getBytes();
        assertProblem(upload(admin, product, "photo.jpg", "image/jpeg", text), 422, "not-an-image");

        byte[] gif = "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;".getBytes();
        assertProblem(upload(admin, product, "photo.jpg", "image/jpeg", gif), 415, "unsupported-image-type");
        byte[] svg = "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes();
        assertProblem(upload(admin, product, "a.png", "image/png", svg), 415, "unsupported-image-type");

        // a decompression bomb: a few hundred bytes declaring 100000×100000 pixels
        byte[] bomb = TestImages.pngDeclaring(100_000, 100_000);
        assertThat(bomb.length).isLessThan(5_000);
        assertProblem(upload(admin, product, "bomb.png", "image/png", bomb), 422, "image-too-many-pixels");

        // absurd dimensions: a 30,000-pixel strip is few pixels but no product photo
        byte[] strip = TestImages.pngDeclaring(30_000, 10);
        assertProblem(upload(admin, product, "strip.png", "image/png", strip), 422, "image-dimensions");

        // corrupt: a real JPEG cut in half, and a PNG header followed by garbage
        byte[] jpeg = TestImages.jpeg(800, 600);
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length / 2);
        assertProblem(upload(admin, product, "cut.jpg", "image/jpeg", cut), 422, "corrupt-image");
        assertNothingStoredFor(cut);
        byte[] garbage = Arrays.copyOf(TestImages.pngDeclaring(64, 64), 200);
        Arrays.fill(garbage, 41, 200, (byte) 0x5A);
        assertProblem(upload(admin, product, "g.png", "image/png", garbage), 422, "corrupt-image");

        assertProblem(upload(admin, product, "empty.jpg", "image/jpeg", new byte[0]), 400, "empty-file");

        // over the route's limit: refused before the body is read
        byte[] huge = new byte[22 * 1024 * 1024];
        huge[0] = (byte) 0xFF;
        huge[1] = (byte) 0xD8;
        huge[2] = (byte) 0xFF;
        ApiClient.Response tooLarge = upload(admin, product, "huge.jpg", "image/jpeg", huge);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.header("Content-Type")).startsWith("application/problem+json");
        assertThat(tooLarge.json().get("type").asString()).endsWith("/body-too-large");

        assertThat(mediaCount(product)).isEqualTo(before);
        for (byte[] refused : List.of(text, gif, svg, bomb, strip, cut, garbage, huge)) {
            assertNothingStoredFor(refused);
        }
    }

    @Test
    void aFileJustUnderTheRouteLimitButOverTheImageLimitIsRefusedWith413() {
        JsonNode product = newProduct(admin);
        byte[] big = new byte[20 * 1024 * 1024 + 100];
        big[0] = (byte) 0xFF;
        big[1] = (byte) 0xD8;
        big[2] = (byte) 0xFF;
        assertProblem(upload(admin, product, "big.jpg", "image/jpeg", big), 413, "image-too-large");
    }

    @Test
    void anotherSellersProductIsRefusedAndTheAttemptAudited() {
        ApiClient owner = fixtures.seller();
        JsonNode product = newProduct(owner);
        ApiClient other = fixtures.seller();
        byte[] photo = TestImages.jpeg(640, 480);

        assertProblem(upload(other, product, "p.jpg", "image/jpeg", photo), 403, "forbidden");
        other.get(images(product)).expectStatus(403);
        assertThat(mediaCount(product)).isEqualTo(1);
        List<AuditLog.Entry> refused = audit.find(
                        new AuditLog.Query(
                                null,
                                "product.access-refused",
                                "product",
                                product.get("id").asString(),
                                null,
                                null),
                        null,
                        10)
                .items();
        assertThat(refused).extracting(e -> e.details().get("operation")).contains("image.upload", "image.list");

        // the owner may; a customer may not at all
        upload(owner, product, "p.jpg", "image/jpeg", photo).expectStatus(201);
        assertThat(upload(fixtures.customer(), product, "p.jpg", "image/jpeg", photo)
                        .status())
                .isEqualTo(403);
        assertThat(owner.postFile(images(product), Map.of(), "p.jpg", "image/jpeg", photo)
                        .status())
                .isEqualTo(201);
        assertThat(new ApiClient(port)
                        .login(CatalogFixtures.ADMIN_EMAIL, CatalogFixtures.ADMIN_PASSWORD)
                        .withoutCsrf()
                        .postFile(images(product), Map.of(), "p.jpg", "image/jpeg", photo)
                        .status())
                .isEqualTo(403);
        assertThat(admin.postFile(
                                images(product)
                                        .replace(
                                                product.get("id").asString(),
                                                UUID.randomUUID().toString()),
                                Map.of(),
                                "p.jpg",
                                "image/jpeg",
                                photo)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void altOrderAndDeletionWithFilesSharedBetweenProducts() throws Exception {
        JsonNode first = newProduct(admin);
        JsonNode second = newProduct(admin);
        byte[] photo = TestImages.jpeg(700, 500);
        JsonNode a = upload(admin, first, "a.jpg", "image/jpeg", photo)
                .expectStatus(201)
                .json();
        JsonNode b = upload(admin, second, "b.jpg", "image/jpeg", photo)
                .expectStatus(201)
                .json();
        String key = fileKey(a.get("url").asString());
        assertThat(b.get("url").asString()).isEqualTo(a.get("url").asString());

        admin.patch(images(first) + "/" + a.get("id").asString(), Map.of("alt", "Oak frame"))
                .expectStatus(200);
        JsonNode moved = admin.post(images(first) + "/" + a.get("id").asString() + "/move?direction=up", null)
                .expectStatus(200)
                .json();
        assertThat(moved.get("images").get(0).get("id").asString())
                .isEqualTo(a.get("id").asString());
        assertThat(moved.get("images").get(0).get("alt").asString()).isEqualTo("Oak frame");
        assertThat(moved.get("images").get(1).get("uploaded").asBoolean()).isFalse();
        assertProblem(
                admin.post(images(first) + "/" + a.get("id").asString() + "/move?direction=sideways", null),
                400,
                "validation");

        admin.delete(images(first) + "/" + a.get("id").asString()).expectStatus(204);
        // the second product still shows the same file
        assertThat(files.read(key)).isPresent();
        // the older media API removes uploaded files too
        admin.delete("/api/v1/admin/products/" + second.get("id").asString() + "/media/"
                        + b.get("id").asString())
                .expectStatus(200);
        assertThat(files.read(key)).isEmpty();
        assertThat(audit.find(
                                new AuditLog.Query(
                                        null,
                                        "product.media-removed",
                                        "product-media",
                                        b.get("id").asString(),
                                        null,
                                        null),
                                null,
                                5)
                        .items())
                .singleElement()
                .satisfies(entry -> assertThat(entry.details())
                        .containsEntry("product_id", second.get("id").asString()));
        JsonNode linked = admin.post(
                        "/api/v1/admin/products/" + second.get("id").asString() + "/media",
                        Map.of("url", "https://img.example.com/linked.jpg"))
                .expectStatus(201)
                .json();
        assertThat(audit.find(
                                new AuditLog.Query(null, "product.media-added", "product-media", null, null, null),
                                null,
                                50)
                        .items())
                .anySatisfy(entry -> assertThat(entry.details())
                        .containsEntry("url", "https://img.example.com/linked.jpg")
                        .containsEntry("product_id", linked.get("id").asString()));
        admin.delete(images(first) + "/" + a.get("id").asString()).expectStatus(404);
    }

    /**
     * Two uploads race for a product's last free place: one wins, the other is refused with 409 and
     * its files, stored before its transaction found the product full, are gone again.
     */
    @Test
    void theUploadThatLosesTheRaceForTheLastPlaceLeavesNoFiles() throws Exception {
        JsonNode product = newProduct(admin);
        for (int i = mediaCount(product); i < 19; i++) {
            upload(admin, product, "s.jpg", "image/jpeg", TestImages.jpeg(TestImages.photo(64, 48, i), 0.8f))
                    .expectStatus(201);
        }
        byte[] first = TestImages.jpeg(TestImages.photo(2400, 1800, 101), 0.9f);
        byte[] second = TestImages.jpeg(TestImages.photo(2400, 1800, 102), 0.9f);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<ApiClient.Response> a =
                    pool.submit(() -> upload(fixtures.admin(), product, "a.jpg", "image/jpeg", first));
            java.util.concurrent.Future<ApiClient.Response> b =
                    pool.submit(() -> upload(fixtures.admin(), product, "b.jpg", "image/jpeg", second));
            List<Integer> statuses = List.of(a.get().status(), b.get().status());
            assertThat(statuses).containsExactlyInAnyOrder(201, 409);
            byte[] loser = a.get().status() == 409 ? first : second;
            assertThat((a.get().status() == 409 ? a.get() : b.get())
                            .json()
                            .get("type")
                            .asString())
                    .endsWith("/too-many-images");
            assertNothingStoredFor(loser);
        } finally {
            pool.shutdown();
        }
        assertThat(mediaCount(product)).isEqualTo(20);
        assertProblem(upload(admin, product, "c.jpg", "image/jpeg", TestImages.jpeg(64, 64)), 409, "too-many-images");
    }

    private static void assertProblem(ApiClient.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).endsWith("/" + type);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
