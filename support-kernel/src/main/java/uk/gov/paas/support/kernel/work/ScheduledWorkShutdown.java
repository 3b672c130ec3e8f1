package uk.gov.paas.support.kernel.work;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduler;

/**
 * On shutdown (SIGTERM: a rolling update), first of all: the scheduler fires no further job. Without this its
 * interval triggers keep firing while the application stops, and a deadline scan or relay sweep started then fails
 * with "Unable to find an EntityManagerFactory" once the persistence unit is gone. The jobs already running finish:
 * {@link DueWork} and the outbox relays wait for the rows they hold.
 */
@ApplicationScoped
public class ScheduledWorkShutdown {

    private static final Logger LOG = Logger.getLogger(ScheduledWorkShutdown.class);

    private final Scheduler scheduler;

    ScheduledWorkShutdown(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    void pause(@Observes @Priority(1) ShutdownEvent shutdown) {
        if (scheduler.isRunning()) {
            scheduler.pause();
            LOG.info("Scheduled work paused for shutdown: no job starts from now on");
        }
    }
}
