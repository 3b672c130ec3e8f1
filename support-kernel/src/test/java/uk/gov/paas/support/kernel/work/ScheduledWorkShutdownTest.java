package uk.gov.paas.support.kernel.work;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.scheduler.Scheduler;

/** The shutdown pauses the scheduler first, so no job starts while the application stops (end to end: .ci/faults-e2e term). */
class ScheduledWorkShutdownTest {

    @Test
    void theShutdownPausesARunningSchedulerOnce() {
        List<String> calls = new ArrayList<>();
        boolean[] running = {true};
        Scheduler scheduler = (Scheduler) Proxy.newProxyInstance(Scheduler.class.getClassLoader(), new Class<?>[] {Scheduler.class},
                (proxy, method, args) -> {
                    calls.add(method.getName());
                    if (method.getName().equals("isRunning")) {
                        return running[0];
                    }
                    if (method.getName().equals("pause") && (args == null || args.length == 0)) {
                        running[0] = false;
                    }
                    return null;
                });
        ScheduledWorkShutdown shutdown = new ScheduledWorkShutdown(scheduler);
        shutdown.pause(null);
        shutdown.pause(null);
        assertEquals(List.of("isRunning", "pause", "isRunning"), calls);
    }
}
