package uk.gov.paas.support.kernel.console;

import java.net.URI;

import jakarta.ws.rs.core.Response;

/**
 * What every console resource does with a submitted form: reads a field as a person left it (blank is nothing, what
 * was typed is kept as typed) and, once a change is made, sends the browser on (post, redirect, get).
 */
public final class FormValues {

    private FormValues() {
    }

    /** 303 See Other to a console path: after a change, the browser asks for the page again, so a reload repeats nothing. */
    public static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }

    public static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** A field left blank is no value; a filled one without the spaces around it. */
    public static String blankToNull(String text) {
        return blank(text) ? null : text.strip();
    }

    /** What was typed, to show again on the form. */
    public static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
