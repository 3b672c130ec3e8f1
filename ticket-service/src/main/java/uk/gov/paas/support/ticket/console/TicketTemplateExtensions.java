package uk.gov.paas.support.ticket.console;

import io.quarkus.qute.TemplateExtension;
import uk.gov.paas.support.ticket.domain.TicketStatus;
import uk.gov.paas.support.ticket.rest.TicketViews.SlaView;
import uk.gov.paas.support.ticket.rest.TicketViews.TargetView;

/** What the desk's templates ask of the API's views. */
@TemplateExtension
final class TicketTemplateExtensions {

    private TicketTemplateExtensions() {
    }

    /** The target an agent works to now: the first response until it is met, then the next update. */
    static TargetView next(SlaView sla) {
        if (sla == null) {
            return null;
        }
        return sla.firstResponse() != null && !"MET".equals(sla.firstResponse().state()) ? sla.firstResponse() : sla.nextUpdate();
    }

    /** The targets of a ticket's SLA that exist, first response first. */
    static java.util.List<TargetView> targets(SlaView sla) {
        return sla == null ? java.util.List.of() : java.util.stream.Stream.of(sla.firstResponse(), sla.nextUpdate()).filter(java.util.Objects::nonNull).toList();
    }

    /** The priorities a form offers, untriaged first. */
    @TemplateExtension(namespace = "ticket")
    static java.util.List<String> priorities() {
        return java.util.List.of("NONE", "P1", "P2", "P3", "P4");
    }

    /** A status as words: "on hold", "pending believed solved". */
    static String words(TicketStatus status) {
        return status == null ? "" : status.name().replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
    }

    /** A target's name as words. */
    static String targetName(TargetView target) {
        return "FIRST_RESPONSE".equals(target.target()) ? "First response" : "Next update";
    }
}
