package io.jkeepalived.conf.parser;

import java.util.List;
import java.util.function.Consumer;

/**
 * What keyword handlers of one phase share: diagnostics, number readers, the machine's facts, and
 * access to the stream for value blocks.
 */
public final class ParseContext {
    private final Diagnostics diag;
    private final ValueReader values;
    private final SystemInfo system;
    private final String configId;
    private final boolean configTest;
    private StreamProcessor processor;
    private final Recorder recorder = new Recorder();

    public ParseContext(Diagnostics diag, SystemInfo system, String configId, boolean configTest) {
        this.diag = diag;
        this.values = new ValueReader(diag, configTest);
        this.system = system;
        this.configId = configId;
        this.configTest = configTest;
    }

    public Diagnostics diag() {
        return diag;
    }

    public ValueReader values() {
        return values;
    }

    public SystemInfo system() {
        return system;
    }

    /** The {@code -i/--config-id} value (default: the first label of the host name). */
    public String configId() {
        return configId;
    }

    /** True under {@code -t}. */
    public boolean configTest() {
        return configTest;
    }

    public void attach(StreamProcessor processor) {
        this.processor = processor;
        processor.setListener(recorder);
    }

    /** Every accepted line of this phase, with the values handlers checked. */
    public Recorder recorder() {
        return recorder;
    }

    /** keepalived's {@code report_config_error}. */
    public void error(ConfigError err, String format, Object... args) {
        diag.report(err, format, args);
    }

    /** {@code alloc_value_block}. */
    public void valueBlock(Words words, Consumer<Words> each) {
        processor.valueBlock(words, each);
    }

    /** {@code read_value_block}. */
    public List<String> readValueBlock(Words words) {
        return processor.readValueBlock(words);
    }

    /** {@code skip_block}. */
    public void skipBlock(boolean needBlockStart) {
        processor.skipBlock(needBlockStart);
    }
}
