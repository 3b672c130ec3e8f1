package uk.gov.paas.support.kernel.idempotency;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long an answered Idempotency-Key is kept (every service, every route). */
@ConfigMapping(prefix = "support.idempotency")
public interface IdempotencyConfig {

    /**
     * A retry within this time of the first request answers the first result; an older key answers nothing (the
     * request makes a new resource) and is purged. Longer than any retry: the call outbox gives up within hours, and
     * an operator retrying a dead call does so within days.
     */
    @WithDefault("P30D")
    Duration keepFor();
}
