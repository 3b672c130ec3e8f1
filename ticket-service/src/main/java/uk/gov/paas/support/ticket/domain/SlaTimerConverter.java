package uk.gov.paas.support.ticket.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Stores an SLA clock (its running stretches) as JSON text in one column. */
@Converter
public class SlaTimerConverter implements AttributeConverter<SlaTimer, String> {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Override
    public String convertToDatabaseColumn(SlaTimer timer) {
        try {
            return timer == null ? null : JSON.writeValueAsString(timer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an SLA timer always serialises", e);
        }
    }

    @Override
    public SlaTimer convertToEntityAttribute(String text) {
        try {
            return text == null ? null : JSON.readValue(text, SlaTimer.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable SLA timer in the database: " + text, e);
        }
    }
}
