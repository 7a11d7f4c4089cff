package app.dukkan.privacy.request;

import app.dukkan.platform.JobQueues;
import app.dukkan.privacy.DataSubject;
import app.dukkan.privacy.PersonalData;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The job queues: nothing to export (jobs are the shop's work in progress, each module exports what
 * they were about); an erasure deletes the jobs still waiting that name the person, such as a
 * confirmation mail still to retry, and rewrites what names them in dead letters, which an operator
 * might otherwise replay to them.
 */
@Component
class JobsPart implements PersonalData {

    private final JobQueues queues;

    JobsPart(JobQueues queues) {
        this.queues = queues;
    }

    @Override
    public String part() {
        return "jobs";
    }

    @Override
    public Object export(DataSubject subject) {
        return Map.of();
    }

    @Override
    public void erase(DataSubject subject) {
        // by email and phone only: jobs are machine records, whose field names a name such as
        // "eventId" would match, and a deleted payment or refund job is never run again
        queues.forget(subject.identifiers().pattern());
    }
}
