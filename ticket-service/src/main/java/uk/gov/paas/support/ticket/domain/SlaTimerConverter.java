package uk.gov.paas.support.ticket.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import org.hibernate.annotations.Immutable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Stores an SLA clock (its running stretches) as JSON text in one column. {@link SlaTimer} is an immutable record (its
 * list is copied in), which {@code @Immutable} tells Hibernate: without it, Hibernate snapshots every loaded timer by a
 * deep copy through this converter (JSON out and in again), which was a tenth of the queue page's CPU.
 */
@Converter
@Immutable
public class SlaTimerConverter implements AttributeConverter<SlaTimer, String> {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final ObjectReader READER = JSON.readerFor(SlaTimer.class);
    private static final ObjectWriter WRITER = JSON.writerFor(SlaTimer.class);

    @Override
    public String convertToDatabaseColumn(SlaTimer timer) {
        try {
            return timer == null ? null : WRITER.writeValueAsString(timer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an SLA timer always serialises", e);
        }
    }

    @Override
    public SlaTimer convertToEntityAttribute(String text) {
        try {
            return text == null ? null : READER.readValue(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable SLA timer in the database: " + text, e);
        }
    }
}
