package app.dukkan.automation.workflow;

import app.dukkan.automation.secret.SecretBox;
import app.dukkan.platform.ClusterNotifications;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Each workflow's secret for signing its outgoing webhooks ({@code http} steps): random, shown to
 * the operator when made, kept sealed like connector credentials and bound to its workflow.
 */
@Component
public class WorkflowSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretBox box;
    private final WorkflowStore workflows;
    private final Map<UUID, String> opened = new ConcurrentHashMap<>();

    WorkflowSecrets(SecretBox box, WorkflowStore workflows, ClusterNotifications cluster) {
        this.box = box;
        this.workflows = workflows;
        // a renewed secret is announced like any change of the workflow
        cluster.subscribe(WorkflowStore.CHANNEL, id -> opened.clear());
        cluster.onMissed(opened::clear);
    }

    /** A renewed secret is used by this instance as soon as it commits. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(WorkflowChanged changed) {
        opened.remove(changed.workflowId());
    }

    /** A new secret: {@code whsec_} and 32 random bytes, the form webhook receivers know from Stripe. */
    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    byte[] seal(UUID workflowId, String secret) {
        return box.seal(secret.getBytes(StandardCharsets.UTF_8), boundTo(workflowId));
    }

    /** The workflow's signing secret in clear, for a step that signs what it sends. */
    public String signingSecret(UUID workflowId) {
        return opened.computeIfAbsent(
                workflowId,
                id -> new String(box.open(workflows.sealedSecret(id), boundTo(id)), StandardCharsets.UTF_8));
    }

    private static byte[] boundTo(UUID workflowId) {
        return ("workflow-signing:" + workflowId).getBytes(StandardCharsets.UTF_8);
    }
}
