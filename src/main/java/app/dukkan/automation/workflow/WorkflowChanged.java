package app.dukkan.automation.workflow;

import java.util.UUID;

/** A workflow was created, got a new version, or was enabled or disabled; published in that transaction. */
public record WorkflowChanged(UUID workflowId) {}
