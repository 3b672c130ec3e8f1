package uk.gov.paas.support.ticket.service;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;
import uk.gov.paas.support.kernel.problem.ApiProblem;
import uk.gov.paas.support.kernel.time.Times;
import uk.gov.paas.support.ticket.client.EscalationClient;
import uk.gov.paas.support.ticket.client.OnCall;
import uk.gov.paas.support.ticket.domain.Ticket;
import uk.gov.paas.support.ticket.domain.TicketStatus;

/**
 * The end-of-shift hand-over: every open ticket of one person goes to the next person on the rota, each with an
 * internal note. The next person comes from escalation-service: whoever is on call now, unless that is the person
 * handing over (called just before the handoff), in which case whoever is next. The rota is asked before anything
 * moves, outside the transaction, so a slow or absent escalation-service holds no locks and changes nothing.
 */
@ApplicationScoped
public class HandOver {

    public record Result(String from, String to, String rota, List<Long> ticketIds) {
    }

    private final EscalationClient escalation;
    private final TicketService tickets;
    private final Clock clock;
    private final uk.gov.paas.support.kernel.calendar.SupportCalendar calendar;

    HandOver(EscalationClient escalation, TicketService tickets, Clock clock, uk.gov.paas.support.kernel.calendar.SupportCalendar calendar) {
        this.escalation = escalation;
        this.tickets = tickets;
        this.clock = clock;
        this.calendar = calendar;
    }

    public Result handOver(String fromEmail, String rota, Actor by) {
        String from = fromEmail.strip().toLowerCase(Locale.ROOT);
        OnCall onCall = escalation.onCall(rota);
        String to = next(onCall, from);
        if (to == null) {
            throw ApiProblem.conflict("Rota '" + rota + "' has nobody after " + from + " to hand over to");
        }
        if (to.equals(from)) {
            throw ApiProblem.conflict(from + " is also the next person on rota '" + rota + "'; nothing to hand over");
        }
        String note = "Handed over from " + from + " to " + to + " at the end of the " + onCall.rotaName() + " rota shift ("
                + Times.forPeople(clock.instant(), calendar.zone()) + ")";
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Long> ids = Ticket.<Ticket>list("assignee = ?1 and status not in ?2 order by id", from,
                    List.of(TicketStatus.SOLVED, TicketStatus.CLOSED)).stream().map(t -> t.id).toList();
            for (long id : ids) {
                tickets.handOver(id, to, note, by);
            }
            return new Result(from, to, onCall.rotaName(), ids);
        });
    }

    /** Whoever is on call now, unless that is the person handing over; then whoever is next. */
    static String next(OnCall onCall, String from) {
        String now = email(onCall.now());
        String next = email(onCall.next());
        return now != null && !now.equals(from) ? now : next;
    }

    private static String email(OnCall.Shift shift) {
        return shift == null || shift.person() == null || shift.person().email() == null ? null : shift.person().email().toLowerCase(Locale.ROOT);
    }
}
