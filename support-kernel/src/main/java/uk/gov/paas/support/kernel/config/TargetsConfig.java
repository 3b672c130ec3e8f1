package uk.gov.paas.support.kernel.config;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

/**
 * The P1-P4 targets table, one row per severity under {@code support.targets.p1} to {@code p4}. Its defaults (the
 * spec's table) are in the kernel's {@code META-INF/microprofile-config.properties}; any cell can be overridden,
 * e.g. {@code SUPPORT_TARGETS_P2_IN_HOURS_RESPOND=45m}. Checked at start-up by {@link TargetsProducer}.
 */
@ConfigMapping(prefix = "support.targets")
public interface TargetsConfig {

    /** Rows keyed p1, p2, p3, p4. */
    @WithParentName
    Map<String, Row> rows();

    interface Row {

        /** The name people also use for the severity (Critical, Major, Significant, Minor). */
        String aka();

        /** Targets when the clock starts in hours. */
        Column inHours();

        /** Targets when the clock starts out of hours (waking or overnight). */
        Column outOfHours();
    }

    interface Column {

        /** Start work and respond within: 20m, 2h, 1bd. */
        String respond();

        /** Update tenants every: 1h, 2bd. */
        String update();

        /** 24/7, working-time, or not-worked (out of hours only: the clock starts at the next opening). */
        String clock();
    }
}
