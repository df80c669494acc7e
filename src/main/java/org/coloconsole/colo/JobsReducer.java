package org.coloconsole.colo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** How one side's jobs change with job events and polls. Pure; used by {@link PairReducer}. */
final class JobsReducer {
    private JobsReducer() {
    }

    /** The jobs after {@code o}, or the same map when {@code o} says nothing about jobs. */
    static Map<String, Job> reduce(Map<String, Job> jobs, Observation o) {
        if (o instanceof Observation.JobsPolled p) {
            Map<String, Job> next = new LinkedHashMap<>();
            for (Job job : p.jobs()) {
                if (!job.status().is(JobStatus.NULL)) {
                    next.put(job.id(), job);
                }
            }
            return next;
        }
        if (o instanceof Observation.JobStatusChanged c) {
            Tag<JobStatus> status = JobStatus.tag(c.status());
            Job known = jobs.get(c.id());
            Job next = known == null ? Job.seen(c.id(), status) : known.withStatus(status);
            if (known != null && known.failed() && (status.is(JobStatus.RUNNING) || status.is(JobStatus.READY))) {
                // an error QEMU stopped on (on-*-error=stop) is over once the job runs again
                next = new Job(next.id(), next.type(), next.status(), next.currentProgress(), next.totalProgress(),
                        Optional.empty());
            }
            return with(jobs, next);
        }
        if (o instanceof Observation.BlockJobEvent e) {
            return afterBlockJobEvent(jobs, e);
        }
        return jobs;
    }

    /**
     * The older block-job events. On a QEMU with the job API, JOB_STATUS_CHANGE follows them (concluded, then null
     * unless the job was started with auto-dismiss off); on one without, they are all there is.
     */
    private static Map<String, Job> afterBlockJobEvent(Map<String, Job> jobs, Observation.BlockJobEvent e) {
        Job known = jobs.get(e.device());
        switch (e.event()) {
            case "BLOCK_JOB_COMPLETED":
            case "BLOCK_JOB_CANCELLED": {
                if (known == null) {
                    return jobs;
                }
                Job concluded = known.withStatus(JobStatus.tag("concluded"));
                return with(jobs, e.error().map(concluded::withError).orElse(concluded));
            }
            case "BLOCK_JOB_ERROR": {
                Job failing = known != null ? known : Job.seen(e.device(), JobStatus.tag("running"));
                return with(jobs, e.error().map(failing::withError).orElse(failing));
            }
            case "BLOCK_JOB_READY":
                return with(jobs, known != null ? known.withStatus(JobStatus.tag("ready"))
                        : Job.seen(e.device(), JobStatus.tag("ready")));
            default:
                return jobs;
        }
    }

    private static Map<String, Job> with(Map<String, Job> jobs, Job job) {
        Map<String, Job> next = new LinkedHashMap<>(jobs);
        if (job.status().is(JobStatus.NULL)) {
            next.remove(job.id());
        } else {
            next.put(job.id(), job);
        }
        return next;
    }
}
