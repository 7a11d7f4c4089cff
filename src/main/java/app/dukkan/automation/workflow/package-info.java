/**
 * Workflow definitions: checked against the published JSON Schema and for meaning (connectors,
 * templates, conditions, schedules) when saved, kept in versions, enabled and disabled, and cron
 * triggers kept in the scheduler.
 */
@NullMarked
package app.dukkan.automation.workflow;

import org.jspecify.annotations.NullMarked;
