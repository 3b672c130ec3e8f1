package uk.gov.paas.support.kernel.tracing;

import java.util.Collection;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.Unremovable;
import io.quarkus.arc.lookup.LookupIfProperty;

/**
 * Spans are always made (logs carry their trace and span ids, calls carry {@code traceparent}), but exported only when
 * an OTLP endpoint is configured ({@code OTEL_EXPORTER_OTLP_ENDPOINT}). Without one, Quarkus would send to
 * localhost:4317 and log a failure for every batch; this exporter, which drops every span, takes the OTLP exporter's place
 * whenever no endpoint is set (Quarkus uses an application's own SpanExporter instead of its OTLP one).
 */
public class TraceExport {

    @Produces
    @Singleton
    @Unremovable
    @LookupIfProperty(name = "quarkus.otel.exporter.otlp.endpoint", stringValue = "", lookupIfMissing = true)
    SpanExporter nowhere() {
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
    }
}
