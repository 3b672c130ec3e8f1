package uk.gov.paas.support.incident.statuspage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** The report renderer: a little Markdown, and never any markup of the author's. */
class SafeMarkdownTest {

    @Test
    void headingsListsAndParagraphs() {
        String html = SafeMarkdown.toHtml("""
                # Summary
                The API was down
                for an hour.

                ## Timeline ##
                - 09:12 config pushed
                - 09:20 incident declared
                  by the on-call engineer

                1. Roll back
                2) Add a check
                """);
        assertEquals("""
                <h4>Summary</h4>
                <p>The API was down<br>
                for an hour.</p>
                <h5>Timeline</h5>
                <ul>
                <li>09:12 config pushed</li>
                <li>09:20 incident declared by the on-call engineer</li>
                </ul>
                <ol>
                <li>Roll back</li>
                <li>Add a check</li>
                </ol>
                """, html);
    }

    @Test
    void everythingIsEscaped() {
        String html = SafeMarkdown.toHtml("""
                # <img src=x onerror=alert(1)>
                <script>alert("x")</script> & 'quotes'
                - <a href="javascript:alert(1)">link</a>
                [text](javascript:alert(1)) **<b>bold</b>** `<i>code</i>`
                """);
        assertFalse(html.contains("<img"), html);
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<a "), html);
        assertFalse(html.contains("<b>"), html);
        assertFalse(html.contains("<i>"), html);
        assertEquals("""
                <h4>&lt;img src=x onerror=alert(1)&gt;</h4>
                <p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</p>
                <ul>
                <li>&lt;a href=&quot;javascript:alert(1)&quot;&gt;link&lt;/a&gt;</li>
                </ul>
                <p>[text](javascript:alert(1)) <strong>&lt;b&gt;bold&lt;/b&gt;</strong> <code>&lt;i&gt;code&lt;/i&gt;</code></p>
                """, html);
    }

    @Test
    void fencedCodeIsPreformattedAndEscaped() {
        assertEquals("<pre><code>if (a &lt; b) {\n  **not bold**\n}\n</code></pre>\n",
                SafeMarkdown.toHtml("```java\nif (a < b) {\n  **not bold**\n}\n```"));
        assertEquals("<pre><code>unclosed &lt;fence&gt;\n</code></pre>\n", SafeMarkdown.toHtml("```\nunclosed <fence>"));
    }

    @Test
    void nothingGivesNothing() {
        assertEquals("", SafeMarkdown.toHtml(null));
        assertEquals("", SafeMarkdown.toHtml("  \n"));
        assertEquals("<h6>deep</h6>\n", SafeMarkdown.toHtml("###### deep"));
        assertEquals("<p>#hashtag is not a heading</p>\n", SafeMarkdown.toHtml("#hashtag is not a heading"));
    }
}
