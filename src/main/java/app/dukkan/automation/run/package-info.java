/**
 * Runs: started by webhooks, schedules, store events or an operator; each step a durable job whose
 * result is stored before the next starts; failed runs resumed from the failed step.
 */
@NullMarked
package app.dukkan.automation.run;

import org.jspecify.annotations.NullMarked;
