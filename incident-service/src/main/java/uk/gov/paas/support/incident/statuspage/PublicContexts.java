package uk.gov.paas.support.incident.statuspage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import uk.gov.paas.support.incident.config.IncidentConfig;
import uk.gov.paas.support.incident.domain.Incident;
import uk.gov.paas.support.incident.domain.IncidentMember;
import uk.gov.paas.support.incident.domain.IncidentReview;
import uk.gov.paas.support.incident.domain.TenantUpdate;
import uk.gov.paas.support.incident.domain.TimelineEntry;
import uk.gov.paas.support.incident.statuspage.PublicText.Context;

/**
 * The redaction contexts ({@link PublicText.Context}) the public views need: the internal addresses (configured
 * {@code support.status-page.internal-urls} and this service's own {@code /api/}) and, per incident, everybody it
 * names: lead, comms person, members, declarer, resolver, agreed-by, timeline and update authors, review attendees
 * and whoever decided on publishing.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class PublicContexts {

    private final List<String> internalUrlPrefixes;

    PublicContexts(StatusPageConfig config, IncidentConfig incidents) {
        List<String> prefixes = new ArrayList<>(config.internalUrls().orElse(List.of()));
        prefixes.add(incidents.publicUrl().replaceAll("/+$", "") + "/api/");
        this.internalUrlPrefixes = List.copyOf(prefixes);
    }

    public List<String> internalUrlPrefixes() {
        return internalUrlPrefixes;
    }

    /** For text that belongs to no incident: addresses, phones and internal links go; no names are known. */
    public Context general() {
        return Context.of(internalUrlPrefixes);
    }

    public Context forIncident(long incidentId) {
        return forIncidents(List.of(incidentId)).get(incidentId);
    }

    /** One context per incident id (an unknown id gets the general one). */
    public Map<Long, Context> forIncidents(Collection<Long> incidentIds) {
        Map<Long, Set<String>> names = new HashMap<>();
        for (Long id : incidentIds) {
            names.put(id, new LinkedHashSet<>());
        }
        if (!incidentIds.isEmpty()) {
            List<Long> ids = List.copyOf(incidentIds);
            for (Incident i : Incident.<Incident>list("id in ?1", ids)) {
                add(names, i.id, i.leadName, i.commsName, i.declaredBy, i.resolvedBy, i.agreedBy);
            }
            for (IncidentMember m : IncidentMember.<IncidentMember>list("incidentId in ?1", ids)) {
                add(names, m.incidentId, m.name);
            }
            for (Object[] row : TimelineEntry.getEntityManager()
                    .createQuery("select distinct t.incidentId, t.author from TimelineEntry t where t.incidentId in :ids", Object[].class)
                    .setParameter("ids", ids).getResultList()) {
                add(names, (Long) row[0], (String) row[1]);
            }
            for (Object[] row : TenantUpdate.getEntityManager()
                    .createQuery("select distinct u.incidentId, u.author from TenantUpdate u where u.incidentId in :ids", Object[].class)
                    .setParameter("ids", ids).getResultList()) {
                add(names, (Long) row[0], (String) row[1]);
            }
            for (IncidentReview r : IncidentReview.<IncidentReview>list("incidentId in ?1", ids)) {
                add(names, r.incidentId, r.decidedBy);
                if (r.attendees != null) {
                    // "lead: Ada Lovelace, product-manager: Pat Product"
                    for (String attendee : r.attendees.split(",")) {
                        add(names, r.incidentId, attendee.substring(attendee.indexOf(':') + 1));
                    }
                }
            }
        }
        Map<Long, Context> contexts = new HashMap<>();
        names.forEach((id, n) -> contexts.put(id, new Context(n, internalUrlPrefixes)));
        return contexts;
    }

    private static void add(Map<Long, Set<String>> names, Long incidentId, String... people) {
        Set<String> set = names.get(incidentId);
        for (String person : people) {
            if (set != null && person != null && !person.isBlank()) {
                set.add(person.strip());
            }
        }
    }
}
