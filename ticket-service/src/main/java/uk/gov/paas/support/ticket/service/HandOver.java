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

    /** Who would take one person's open tickets now, and which: nothing moves (the console shows this before confirming). */
    public Result preview(String fromEmail, String rota) {
        Plan plan = plan(fromEmail, rota);
        return QuarkusTransaction.requiringNew().call(() -> new Result(plan.from(), plan.to(), plan.onCall().rotaName(), open(plan.from())));
    }

    public Result handOver(String fromEmail, String rota, Actor by) {
        return handOver(fromEmail, rota, null, by);
    }

    /**
     * Moves one person's open tickets to the next on the rota. With {@code expectedTo} (what a preview showed), a rota that
     * has since moved on is a 409 naming the new person, and nothing moves: nobody's tickets go to someone they did not confirm.
     */
    public Result handOver(String fromEmail, String rota, String expectedTo, Actor by) {
        Plan plan = plan(fromEmail, rota);
        if (expectedTo != null && !expectedTo.isBlank() && !expectedTo.strip().equalsIgnoreCase(plan.to())) {
            throw ApiProblem.conflict("The next person on rota '" + rota + "' is now " + plan.to() + ", not " + expectedTo.strip()
                    + "; check again before handing over");
        }
        String from = plan.from();
        String to = plan.to();
        String note = "Handed over from " + from + " to " + to + " at the end of the " + plan.onCall().rotaName() + " rota shift ("
                + Times.forPeople(clock.instant(), calendar.zone()) + ")";
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Long> ids = open(from);
            for (long id : ids) {
                tickets.handOver(id, to, note, by);
            }
            return new Result(from, to, plan.onCall().rotaName(), ids);
        });
    }

    private record Plan(String from, String to, OnCall onCall) {
    }

    private Plan plan(String fromEmail, String rota) {
        String from = fromEmail.strip().toLowerCase(Locale.ROOT);
        OnCall onCall = escalation.onCall(rota);
        String to = next(onCall, from);
        if (to == null) {
            throw ApiProblem.conflict("Rota '" + rota + "' has nobody after " + from + " to hand over to");
        }
        if (to.equals(from)) {
            throw ApiProblem.conflict(from + " is also the next person on rota '" + rota + "'; nothing to hand over");
        }
        return new Plan(from, to, onCall);
    }

    private static List<Long> open(String assignee) {
        return Ticket.<Ticket>list("assignee = ?1 and status not in ?2 order by id", assignee, List.of(TicketStatus.SOLVED, TicketStatus.CLOSED))
                .stream().map(t -> t.id).toList();
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
