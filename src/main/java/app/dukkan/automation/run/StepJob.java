package app.dukkan.automation.run;

import java.util.UUID;

/** The job of one step of a run: the step at {@code position} of the run's workflow version. */
record StepJob(UUID runId, int position) {

    /** The key of the step's first job. */
    String key() {
        return runId + "/" + position;
    }

    /** Each later scheduling of a step gets its own key: each wait for an open circuit, each resume. */
    String key(String why, long at) {
        return key() + "/" + why + at;
    }
}
