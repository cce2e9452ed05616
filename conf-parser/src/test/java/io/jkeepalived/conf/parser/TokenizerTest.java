package io.jkeepalived.conf.parser;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenizerTest {
    private final Diagnostics diag = new Diagnostics();

    @Test
    void wordsSplitOnWhitespaceAndKeepQuotedRuns() {
        assertThat(Tokenizer.words("script \"/bin/check nginx\"  x\ty", diag))
                .containsExactly("script", "/bin/check nginx", "x", "y");
    }

    @Test
    void quoteEndsAWord() {
        assertThat(Tokenizer.words("a\"b c\"d", diag)).containsExactly("a", "b c", "d");
    }

    @Test
    void unmatchedQuoteIsReportedAndEndsTheLine() {
        assertThat(Tokenizer.words("a \"b c", diag)).containsExactly("a");
        assertThat(diag.worst()).isEqualTo(ConfigError.UNMATCHED_QUOTE);
    }

    @Test
    void quotedEscapedIsShellLike() {
        assertThat(Tokenizer.quotedEscaped("notify_master \"/x.sh master\" 'a b'\\tc \\x41", diag))
                .containsExactly("notify_master", "/x.sh master", "a b\tc", "A");
    }

    @Test
    void unterminatedQuoteInAScriptGivesNullNotACrash() {
        assertThat(Tokenizer.quotedEscaped("script \"/bin/true", diag)).isNull();
        assertThat(diag.all().get(0).message()).isEqualTo("String 'script \"/bin/true': missing terminating \"");
    }
}
