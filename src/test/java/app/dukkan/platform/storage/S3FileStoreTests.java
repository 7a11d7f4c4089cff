package app.dukkan.platform.storage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 adapter against a stand-in S3 endpoint (path-style, as MinIO is addressed). */
class S3FileStoreTests {

    private static final WireMockServer S3 = new WireMockServer(wireMockConfig().dynamicPort());

    @BeforeAll
    static void start() {
        S3.start();
    }

    @AfterAll
    static void stop() {
        S3.stop();
    }

    private S3FileStore store(String publicUrl) {
        StorageProperties.S3 settings =
                new StorageProperties.S3("shop-files", "eu-central-1", S3.baseUrl(), true, publicUrl);
        S3Client client = S3FileStore.builder(settings)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "secret")))
                .region(Region.EU_CENTRAL_1)
                .build();
        return new S3FileStore(client, settings);
    }

    @Test
    void deletesWhatIsThereAndTellsWhatWasNot() {
        S3.stubFor(head(urlEqualTo("/shop-files/products/images/ab/old.jpg"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Length", "3")));
        S3.stubFor(delete(urlEqualTo("/shop-files/products/images/ab/old.jpg"))
                .willReturn(aResponse().withStatus(204)));
        S3.stubFor(head(urlEqualTo("/shop-files/products/images/ab/gone.jpg"))
                .willReturn(aResponse().withStatus(404)));

        S3FileStore store = store(null);
        assertThat(store.delete("products/images/ab/old.jpg")).isTrue();
        assertThat(store.delete("products/images/ab/gone.jpg")).isFalse();
        S3.verify(1, deleteRequestedFor(urlEqualTo("/shop-files/products/images/ab/old.jpg")));
        S3.verify(0, deleteRequestedFor(urlEqualTo("/shop-files/products/images/ab/gone.jpg")));
        store.destroy();
    }

    @Test
    void storesReadsAndTellsPublicUrls() {
        byte[] pdf = "%PDF-1.4 receipt".getBytes(StandardCharsets.US_ASCII);
        S3.stubFor(put(urlEqualTo("/shop-files/private/receipts/r-1.pdf"))
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"abc\"")));
        S3.stubFor(put(urlEqualTo("/shop-files/products/mug.svg"))
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"def\"")));
        S3.stubFor(get(urlEqualTo("/shop-files/private/receipts/r-1.pdf"))
                .willReturn(aResponse().withStatus(200).withBody(pdf)));
        S3.stubFor(get(urlEqualTo("/shop-files/private/receipts/none.pdf"))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/xml")
                        .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code>"
                                + "<Message>The specified key does not exist.</Message></Error>")));

        S3FileStore store = store("https://cdn.example.com/files");
        assertThat(store.store("private/receipts/r-1.pdf", pdf)).isEqualTo("private/receipts/r-1.pdf");
        assertThat(store.store("products/mug.svg", "<svg/>".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("https://cdn.example.com/files/products/mug.svg");
        S3.verify(putRequestedFor(urlEqualTo("/shop-files/private/receipts/r-1.pdf"))
                .withHeader("Content-Type", equalTo("application/pdf"))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=test/.*"))
                .withHeader("x-amz-decoded-content-length", equalTo(Integer.toString(pdf.length)))
                // over plain HTTP the SDK signs the body in aws-chunked encoding: the payload plus chunk signatures
                .withRequestBody(containing("%PDF-1.4 receipt")));

        assertThat(store.read("private/receipts/r-1.pdf"))
                .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(pdf));
        assertThat(store.read("private/receipts/none.pdf")).isEmpty();
        store.destroy();
    }
}
