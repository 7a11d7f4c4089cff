package app.dukkan.automation.workflow;

import app.dukkan.identity.ApiScope;
import app.dukkan.identity.CurrentUser;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The store events whose payload names a customer (their email address, with their order's or
 * account's id): a workflow started by one hands customers' data to its steps, and its runs keep
 * it. An API key needs {@code orders:read} (or {@code admin}) to save or enable such a workflow
 * and to read the runs and logs of its versions started by one; {@code workflows:write} and
 * {@code logs:read} alone would reach customers' data that {@code orders:read} guards.
 */
public final class CustomerData {

    public static final Set<String> EVENTS = TriggerFields.EVENTS.entrySet().stream()
            .filter(event -> event.getValue().contains("email"))
            .map(Map.Entry::getKey)
            .collect(Collectors.toUnmodifiableSet());

    /**
     * SQL that holds when the run with the id in {@code runId} (a column) belongs to a version of its
     * workflow started by one of the events of the parameter {@code :customerEvents} (a text array).
     */
    public static String runStartedByOneOf(String runId) {
        return """
                exists (select 1 from automation_runs cr
                        join automation_workflow_versions cv on cv.workflow_id = cr.workflow_id and cv.version = cr.version
                        where cr.id = %s and cv.definition #>> '{trigger,event}' = any(:customerEvents))""".formatted(runId);
    }

    private CustomerData() {}

    public static boolean startedBy(WorkflowDefinition.Trigger trigger) {
        return trigger instanceof WorkflowDefinition.Event event && EVENTS.contains(event.event());
    }

    /** The events whose runs the caller may not read: none with a session or a key with {@code orders:read}. */
    public static String[] hiddenFrom(CurrentUser caller) {
        return caller.keyAllows(ApiScope.ORDERS_READ) ? new String[0] : EVENTS.toArray(String[]::new);
    }

    /** @throws ScopeRequired when the caller's key lacks {@code orders:read} for a workflow started by such an event */
    public static void check(CurrentUser caller, WorkflowDefinition.Trigger trigger, String what) {
        if (startedBy(trigger)) {
            ScopeRequired.check(
                    caller,
                    ApiScope.ORDERS_READ,
                    what + " started by " + ((WorkflowDefinition.Event) trigger).event()
                            + ", which carries customers' email addresses,");
        }
    }
}
