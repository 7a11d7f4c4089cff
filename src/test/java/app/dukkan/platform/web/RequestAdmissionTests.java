package app.dukkan.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.dukkan.storefront.web.ErrorPage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Reads take their turn in arrival order; writes, probes and metrics never wait. */
class RequestAdmissionTests {

    /** A thread per task: the tests block tasks on purpose, which a small common pool would run one by one. */
    static final ExecutorService THREADS = Executors.newCachedThreadPool();

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    RequestAdmission admission(int places, Duration maxWait) {
        return new RequestAdmission(new AdmissionProperties(places, maxWait), registry);
    }

    /** A chain that notes the request's name, then holds its place until {@code release} opens. */
    static FilterChain holding(List<String> served, CountDownLatch release) {
        return (request, response) -> {
            served.add(((MockHttpServletRequest) request).getParameter("name"));
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    static MockHttpServletRequest request(String method, String path, String name) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setParameter("name", name);
        return request;
    }

    static CompletableFuture<MockHttpServletResponse> send(
            RequestAdmission admission, MockHttpServletRequest request, FilterChain chain) {
        return CompletableFuture.supplyAsync(
                () -> {
                    MockHttpServletResponse response = new MockHttpServletResponse();
                    try {
                        admission.doFilter(request, response, chain);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return response;
                },
                THREADS);
    }

    double waiting() {
        return registry.get("dukkan.web.admission.waiting").gauge().value();
    }

    void awaitWaiting(int count) throws InterruptedException {
        for (int i = 0; i < 500 && waiting() != count; i++) {
            Thread.sleep(10);
        }
        assertThat(waiting()).isEqualTo(count);
    }

    @Test
    void readsBeyondThePlacesWaitAndAreServedInTheOrderTheyArrived() throws Exception {
        // one place, so that each read starts only after the one before it ended: a strict order
        RequestAdmission admission = admission(1, Duration.ofSeconds(10));
        List<String> served = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        FilterChain chain = holding(served, release);
        List<CompletableFuture<MockHttpServletResponse>> responses = new CopyOnWriteArrayList<>();
        responses.add(send(admission, request("GET", "/products", "first"), chain));
        for (int i = 0; i < 500 && served.isEmpty(); i++) {
            Thread.sleep(10);
        }
        for (int i = 0; i < 5; i++) {
            awaitWaiting(i);
            responses.add(send(admission, request("GET", "/api/v1/products", "waiting-" + i), chain));
        }
        awaitWaiting(5);
        assertThat(served).containsExactly("first");

        release.countDown();

        for (CompletableFuture<MockHttpServletResponse> response : responses) {
            assertThat(response.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        }
        assertThat(served).containsExactly("first", "waiting-0", "waiting-1", "waiting-2", "waiting-3", "waiting-4");
        assertThat(registry.get("dukkan.web.admission.wait").timer().count()).isEqualTo(6);
    }

    @Test
    void aReadThatWaitedTheLongestItMayIsRefusedAsBusyAndNeverRuns() throws Exception {
        RequestAdmission admission = admission(1, Duration.ofMillis(100));
        List<String> served = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<MockHttpServletResponse> holder =
                send(admission, request("GET", "/products", "holder"), holding(served, release));
        for (int i = 0; i < 500 && served.isEmpty(); i++) {
            Thread.sleep(10);
        }

        MockHttpServletResponse refused = send(
                        admission, request("HEAD", "/products", "late"), holding(served, release))
                .get(10, TimeUnit.SECONDS);

        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(served).containsExactly("holder");
        assertThat(registry.get("dukkan.web.admission.refused").counter().count())
                .isEqualTo(1);
        release.countDown();
        assertThat(holder.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
    }

    @Test
    void writesHealthProbesMetricsAndAssetsNeverWait() throws Exception {
        RequestAdmission admission = admission(1, Duration.ofMillis(50));
        List<String> served = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        send(admission, request("GET", "/products", "holder"), holding(served, release));
        for (int i = 0; i < 500 && served.isEmpty(); i++) {
            Thread.sleep(10);
        }
        AtomicInteger passed = new AtomicInteger();
        FilterChain counting = (request, response) -> passed.incrementAndGet();

        for (MockHttpServletRequest request : List.of(
                request("POST", "/api/v1/cart/items", "write"),
                request("DELETE", "/api/v1/cart/items/1", "delete"),
                request("GET", "/livez", "live"),
                request("GET", "/readyz", "ready"),
                request("GET", "/actuator/prometheus", "metrics"),
                request("GET", "/assets/css/dukkan.css", "styles"))) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            admission.doFilter(request, response, counting);
            assertThat(response.getStatus()).as(request.getRequestURI()).isEqualTo(200);
        }

        assertThat(passed).hasValue(6);
        assertThat(registry.get("dukkan.web.admission.refused").counter().count())
                .isZero();
        release.countDown();
    }

    @Test
    void aReadThatFailsGivesItsPlaceBack() throws Exception {
        RequestAdmission admission = admission(1, Duration.ofMillis(100));
        FilterChain failing = (request, response) -> {
            throw new IllegalStateException("database unreachable");
        };
        assertThatThrownBy(() -> admission.doFilter(
                        request("GET", "/products", "failing"), new MockHttpServletResponse(), failing))
                .hasMessage("database unreachable");

        MockHttpServletResponse next = new MockHttpServletResponse();
        admission.doFilter(request("GET", "/products", "next"), next, (request, response) -> {});
        assertThat(next.getStatus()).isEqualTo(200);
    }

    @Test
    void negativeSettingsAreRefusedAtStartUp() {
        assertThatThrownBy(() -> new AdmissionProperties(-1, Duration.ofSeconds(1)))
                .hasMessageContaining("concurrent-reads");
        assertThatThrownBy(() -> new AdmissionProperties(1, Duration.ofSeconds(-1)))
                .hasMessageContaining("max-wait");
        assertThat(new AdmissionProperties(0, Duration.ofSeconds(1)).concurrentReadsOrDefault())
                .isEqualTo(3 * Runtime.getRuntime().availableProcessors());
    }

    @Test
    void theRefusalAnswersABusyProblemDetailOrTheBusyPage() {
        MockHttpServletRequest refused = new MockHttpServletRequest("GET", "/error");
        refused.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 503);
        refused.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/api/v1/products");
        ProblemErrorController errors =
                new ProblemErrorController(new DefaultErrorAttributes(), new ErrorProperties(), List.of());

        var answer = errors.error(refused);

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getBody())
                .containsEntry("type", "https://dukkan.app/problems/busy")
                .containsEntry("title", "Busy");
        assertThat(new ErrorPage().kind(503)).isEqualTo("busy");
    }
}
