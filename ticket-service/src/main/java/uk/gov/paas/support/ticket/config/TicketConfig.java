package uk.gov.paas.support.ticket.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of ticket handling: the tag taxonomy, the groups, the scheduled status steps and the deadline scan. */
@ConfigMapping(prefix = "support.tickets")
public interface TicketConfig {

    /** The tag taxonomy: a tag outside it is refused with the valid ones listed. */
    List<String> tags();

    /** The groups, in routing order; the first is where every new ticket lands (triage). */
    List<String> groups();

    /** Where a group's breach notices go when a ticket has no assignee, by group name. */
    Map<String, String> groupEmails();

    /** Where notices go for a group with no address configured. */
    @WithDefault("support@localhost")
    String fallbackEmail();

    /** A PENDING ticket's tenant is reminded after this long without a reply. */
    @WithDefault("P3D")
    Duration pendingReminderAfter();

    /** A PENDING ticket closes by itself (with a notice) after this long without a reply. */
    @WithDefault("P7D")
    Duration pendingCloseAfter();

    /** A PENDING_BELIEVED_SOLVED ticket becomes SOLVED after this long without a reply. */
    @WithDefault("P4D")
    Duration believedSolvedAfter();

    /** A SOLVED ticket becomes CLOSED after this long. */
    @WithDefault("P28D")
    Duration solvedCloseAfter();

    /** How often the deadline scan runs ({@code off} in tests, which call it directly). */
    String scanInterval();

    /** At most this many due tickets handled per scan. */
    @WithDefault("200")
    int batchSize();

    /** The address people reach this service at (links in emails). */
    String publicUrl();

    /** A ticket's page in the console, as every email links to it (after sign-in, a tenant sees its public conversation). */
    default String ticketPage(long id) {
        String base = publicUrl().endsWith("/") ? publicUrl().substring(0, publicUrl().length() - 1) : publicUrl();
        return base + "/console/tickets/" + id;
    }

    /** Load demo tickets into an empty database at start-up (the local run only; refused in prod). */
    @WithDefault("false")
    boolean demoData();

    /** The product-support tag: a ticket carrying it is in the product view. */
    @WithDefault("paas_product_support")
    String productTag();

    /** The tag an emergency email gets. */
    @WithDefault("paas_outofhours")
    String emergencyTag();

    /** The first group: every new ticket lands here, and "return to triage" sends it back. */
    default String triageGroup() {
        return groups().get(0);
    }
}
