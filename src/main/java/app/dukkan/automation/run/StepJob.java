package app.dukkan.automation.run;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The job of one step of a run: the step at {@code position} of the run's workflow version, for the
 * run as it was after {@code resumes} resumes (absent in jobs scheduled before it was counted).
 */
record StepJob(UUID runId, int position, @Nullable Integer resumes) {

    StepJob {
        resumes = resumes == null ? 0 : resumes;
    }

    /** How often the run had been resumed when the job was scheduled. */
    int epoch() {
        return resumes == null ? 0 : resumes;
    }

    /** The key of the step's first job. */
    String key() {
        return runId + "/" + position;
    }

    /** Each later scheduling of a step gets its own key: each wait for an open circuit, each resume. */
    String key(String why, long at) {
        return key() + "/" + why + at;
    }
}
