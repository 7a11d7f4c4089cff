package app.dukkan.platform.storage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

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
        return store(publicUrl, S3FileStore.PART_SIZE);
    }

    private S3FileStore store(String publicUrl, long partSize) {
        StorageProperties.S3 settings =
                new StorageProperties.S3("shop-files", "eu-central-1", S3.baseUrl(), true, publicUrl);
        S3Client client = S3FileStore.builder(settings)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "secret")))
                .region(Region.EU_CENTRAL_1)
                .build();
        return new S3FileStore(client, settings, partSize);
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

    @Test
    void aFileLargerThanAPartGoesUpInPartsAndAFailedPartLeavesNothingBehind(@TempDir Path directory) throws Exception {
        Path dump = directory.resolve("b.dump");
        Files.writeString(dump, "0123456789abcdefghijKLMNO");
        String path = "/shop-files/private/backups/b.dump";
        S3.stubFor(post(urlEqualTo(path + "?uploads"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody("<InitiateMultipartUploadResult><Bucket>shop-files</Bucket>"
                                + "<Key>private/backups/b.dump</Key><UploadId>up-1</UploadId>"
                                + "</InitiateMultipartUploadResult>")));
        for (int part = 1; part <= 3; part++) {
            S3.stubFor(put(urlPathEqualTo(path))
                    .withQueryParam("uploadId", equalTo("up-1"))
                    .withQueryParam("partNumber", equalTo(Integer.toString(part)))
                    .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"e" + part + "\"")));
        }
        S3.stubFor(post(urlPathEqualTo(path))
                .withQueryParam("uploadId", equalTo("up-1"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody("<CompleteMultipartUploadResult><Bucket>shop-files</Bucket>"
                                + "<Key>private/backups/b.dump</Key><ETag>\"all\"</ETag>"
                                + "</CompleteMultipartUploadResult>")));

        S3FileStore store = store(null, 10);
        assertThat(store.store("private/backups/b.dump", dump)).isEqualTo("private/backups/b.dump");

        S3.verify(putRequestedFor(urlPathEqualTo(path))
                .withQueryParam("partNumber", equalTo("1"))
                .withRequestBody(containing("0123456789")));
        S3.verify(putRequestedFor(urlPathEqualTo(path))
                .withQueryParam("partNumber", equalTo("3"))
                .withRequestBody(containing("KLMNO")));
        S3.verify(postRequestedFor(urlPathEqualTo(path))
                .withQueryParam("uploadId", equalTo("up-1"))
                .withRequestBody(containing("<ETag>&quot;e3&quot;</ETag><PartNumber>3</PartNumber>")));

        // a part the bucket refuses: the upload is aborted, nothing is completed
        S3.resetAll();
        S3.stubFor(
                post(urlEqualTo(path + "?uploads"))
                        .willReturn(
                                aResponse()
                                        .withStatus(200)
                                        .withBody(
                                                "<InitiateMultipartUploadResult><UploadId>up-2</UploadId></InitiateMultipartUploadResult>")));
        S3.stubFor(put(urlPathEqualTo(path))
                .withQueryParam("uploadId", equalTo("up-2"))
                .willReturn(aResponse()
                        .withStatus(403)
                        .withBody("<Error><Code>AccessDenied</Code><Message>no</Message></Error>")));
        S3.stubFor(delete(urlPathEqualTo(path))
                .withQueryParam("uploadId", equalTo("up-2"))
                .willReturn(aResponse().withStatus(204)));

        assertThatThrownBy(() -> store.store("private/backups/b.dump", dump)).isInstanceOf(S3Exception.class);
        S3.verify(deleteRequestedFor(urlPathEqualTo(path)).withQueryParam("uploadId", equalTo("up-2")));
        S3.verify(0, postRequestedFor(urlPathEqualTo(path)).withQueryParam("uploadId", equalTo("up-2")));
        store.destroy();
    }
}
