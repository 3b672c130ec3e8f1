package uk.gov.paas.support.kernel.problem;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Refuses a NUL (U+0000) in any JSON string read into a String: PostgreSQL cannot store it in text, so it is a 400
 * naming the field before anything runs. (A NUL elsewhere, e.g. inside free-form JSON, is caught when the database
 * refuses it: {@link ProblemMapper#refusedByDatabase}.)
 */
@Singleton
public class NulFreeStrings implements ObjectMapperCustomizer {

    static final String MESSAGE = "must not contain the NUL character (\\u0000)";

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("nul-free-strings").addDeserializer(String.class, new Deserializer()));
    }

    static final class Deserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (value != null && value.indexOf('\0') >= 0) {
                throw MismatchedInputException.from(parser, String.class, MESSAGE);
            }
            return value;
        }
    }
}
