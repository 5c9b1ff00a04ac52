package mysqlcluster.bootstrap;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One Job of the rendered CronJob, run on the emulated StatefulSet's network the way the Job controller would: a pod
 * of the job template; when it fails (or is deleted before it ends), another after a back-off, until one succeeds or
 * backoffLimit retries have failed; past activeDeadlineSeconds the running pod is killed and the Job fails. Pods are
 * named {@code <job>-<5 characters>}, the Job {@code <cronjob>-<n>}.
 */
public final class EmulatedJob implements AutoCloseable {
    /** The controller's back-off between attempts (10 s, doubling, in a cluster), shortened for tests. */
    private static final Duration BACKOFF = Duration.ofSeconds(1);

    private final EmulatedStatefulSet sts;
    private final PodTemplate template;
    private final String name;
    private final int backoffLimit;
    private final Duration deadline;
    private final List<EmulatedPod> pods = new CopyOnWriteArrayList<>();
    private final Thread controller;
    private volatile String status = "Running";
    private volatile boolean stopping;

    private EmulatedJob(EmulatedStatefulSet sts, PodTemplate template, String name, int backoffLimit, Duration deadline) {
        this.sts = sts;
        this.template = template;
        this.name = name;
        this.backoffLimit = backoffLimit;
        this.deadline = deadline;
        this.controller = new Thread(this::control, "job-controller-" + name);
        this.controller.setDaemon(true);
    }

    /** Starts a Job of the manifests' CronJob (what its schedule, or kubectl create job --from, would do). */
    public static EmulatedJob start(EmulatedStatefulSet sts, List<Map<String, Object>> manifests, int number) {
        Map<String, Object> cronJob = PodTemplate.only(manifests, "CronJob");
        Map<String, Object> jobSpec = PodTemplate.map(PodTemplate.map(PodTemplate.map(cronJob, "spec"), "jobTemplate"),
                "spec");
        var template = PodTemplate.fromCronJob(manifests);
        Object limit = jobSpec.get("backoffLimit");
        Object active = jobSpec.get("activeDeadlineSeconds");
        var job = new EmulatedJob(sts, template, template.owner() + "-" + number,
                limit == null ? 6 : ((Number) limit).intValue(),
                active == null ? Duration.ofDays(1) : Duration.ofSeconds(((Number) active).longValue()));
        job.controller.start();
        return job;
    }

    /** The Job's pods so far, oldest first. */
    public List<EmulatedPod> pods() {
        return List.copyOf(pods);
    }

    /** Waits for the Job's pod number ATTEMPT (0 = the first) to exist. */
    public EmulatedPod awaitPod(int attempt, Duration timeout) {
        Await.until(timeout, "pod " + attempt + " of job " + name, () -> pods.size() > attempt, this::describe);
        return pods.get(attempt);
    }

    /** Deletes a pod of the Job at once, its containers killed (a node lost, a pod evicted): the Job counts it failed. */
    public void kill(EmulatedPod pod) {
        sts.deletePod(pod, Duration.ZERO);
    }

    /** Running, Complete or Failed. */
    public String status() {
        return status;
    }

    /** Waits until the Job is Complete or Failed, and says which. */
    public String awaitFinished(Duration timeout) {
        Await.until(timeout, "job " + name + " finished", () -> !"Running".equals(status), this::describe);
        return status;
    }

    private void control() {
        Instant end = Instant.now().plus(deadline);
        int failed = 0;
        while (!stopping) {
            var pod = sts.createPod(template, name + "-" + suffix());
            pods.add(pod);
            while (!stopping && !pod.deleted() && !pod.phase().equals("Succeeded") && !pod.phase().equals("Failed")) {
                if (Instant.now().isAfter(end)) {
                    sts.deletePod(pod, pod.grace());
                    status = "Failed";
                    return;
                }
                ClusterNetwork.sleep(100);
            }
            if (stopping) {
                return;
            }
            if (pod.phase().equals("Succeeded") && !pod.deleted()) {
                status = "Complete";
                return;
            }
            if (++failed > backoffLimit) {
                status = "Failed";
                return;
            }
            ClusterNetwork.sleep(BACKOFF.toMillis() << Math.min(failed - 1, 3));
        }
    }

    private static String suffix() {
        String letters = "bcdfghjklmnpqrstvwxz2456789";
        var random = ThreadLocalRandom.current();
        var text = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            text.append(letters.charAt(random.nextInt(letters.length())));
        }
        return text.toString();
    }

    /** Every pod's state and the tail of its containers' logs. */
    public String describe() {
        var text = new StringBuilder("job " + name + " " + status + "\n");
        pods.forEach(p -> text.append(p.describe()));
        return text.toString();
    }

    /** Stops the controller; the pods are the StatefulSet's to delete when it closes. */
    @Override
    public void close() {
        stopping = true;
        try {
            controller.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
