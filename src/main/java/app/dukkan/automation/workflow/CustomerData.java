package app.dukkan.automation.workflow;

import app.dukkan.identity.ApiScope;
import app.dukkan.identity.CurrentUser;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Workflows that hand customers' data to their steps: those started by a store event whose payload
 * names a customer (their email address, with their order's or account's id), and those with a step
 * of the {@code orders} connector (customers' names, emails and phones). Their runs keep that data.
 * An API key needs {@code orders:read} (or {@code admin}) to save, enable, test or start such a
 * workflow and to read the runs and logs of its versions; {@code workflows:write} and {@code
 * logs:read} alone would reach customers' data that {@code orders:read} guards. Each version records
 * whether it is one ({@code automation_workflow_versions.customer_data}, written when it is saved).
 */
public final class CustomerData {

    public static final Set<String> EVENTS = TriggerFields.EVENTS.entrySet().stream()
            .filter(event -> event.getValue().contains("email"))
            .map(Map.Entry::getKey)
            .collect(Collectors.toUnmodifiableSet());

    /** The connector that reads customers' orders. */
    static final String ORDERS_CONNECTOR = "orders";

    /**
     * SQL that holds when the run with the id in {@code runId} (a column) belongs to a version that
     * hands customers' data to its steps.
     */
    public static String runOf(String runId) {
        return """
                exists (select 1 from automation_runs cr
                        join automation_workflow_versions cv on cv.workflow_id = cr.workflow_id and cv.version = cr.version
                        where cr.id = %s and cv.customer_data)""".formatted(runId);
    }

    private CustomerData() {}

    /** Whether the definition hands customers' data to its steps. */
    public static boolean in(WorkflowDefinition definition) {
        return startedBy(definition.trigger()) || readsOrders(definition);
    }

    private static boolean startedBy(WorkflowDefinition.Trigger trigger) {
        return trigger instanceof WorkflowDefinition.Event event && EVENTS.contains(event.event());
    }

    private static boolean readsOrders(WorkflowDefinition definition) {
        return definition.steps().stream().anyMatch(step -> step.connector().equals(ORDERS_CONNECTOR));
    }

    /** Whether the caller may not read such runs: never with a session or a key with {@code orders:read}. */
    public static boolean hiddenFrom(CurrentUser caller) {
        return !caller.keyAllows(ApiScope.ORDERS_READ);
    }

    /**
     * @param what what the caller asked for, as the start of a sentence ({@code A workflow})
     * @throws ScopeRequired when the caller's key lacks {@code orders:read} for a definition that hands
     *     customers' data to its steps
     */
    public static void check(CurrentUser caller, WorkflowDefinition definition, String what) {
        if (startedBy(definition.trigger())) {
            ScopeRequired.check(
                    caller,
                    ApiScope.ORDERS_READ,
                    what + " started by " + ((WorkflowDefinition.Event) definition.trigger()).event()
                            + ", which carries customers' email addresses,");
        } else if (readsOrders(definition)) {
            ScopeRequired.check(caller, ApiScope.ORDERS_READ, what + " that reads orders");
        }
    }
}
