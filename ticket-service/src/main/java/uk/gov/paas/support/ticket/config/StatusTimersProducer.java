package uk.gov.paas.support.ticket.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import uk.gov.paas.support.ticket.domain.StatusTimers;

/** The status timers from configuration: one instance for the service that stores due steps and the scan that takes them. */
public class StatusTimersProducer {

    @Produces
    @Singleton
    StatusTimers statusTimers(TicketConfig config) {
        return new StatusTimers(config.pendingReminderAfter(), config.pendingCloseAfter(), config.believedSolvedAfter(),
                config.solvedCloseAfter());
    }
}
