package io.jkeepalived.daemon.vrrp;

import io.jkeepalived.conf.ConfigLoader;
import io.jkeepalived.conf.KeepalivedConfig;
import io.jkeepalived.conf.parser.SystemInfo;
import io.jkeepalived.daemon.status.DataDump;
import io.jkeepalived.daemon.status.DumpFacts;
import io.jkeepalived.daemon.status.InstanceRecorder;
import io.jkeepalived.daemon.status.InstanceStatus;
import io.jkeepalived.daemon.status.JsonDump;
import io.jkeepalived.daemon.status.StatsDump;
import io.jkeepalived.vrrp.fsm.VrrpAction;
import io.jkeepalived.vrrp.fsm.VrrpEvent;
import io.jkeepalived.vrrp.fsm.VrrpState;
import io.jkeepalived.vrrp.fsm.VrrpStateMachine;
import io.jkeepalived.vrrp.fsm.VrrpStep;
import io.jkeepalived.vrrp.packet.AdvertDecoder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three dump files for the configuration keepalived 2.2.7 ran to write the samples in
 * {@code src/test/resources/dumps} (one MASTER instance, PASS auth, a track_script): the instance is driven through
 * the same events (script succeeds, master-down timeout, adverts) with a fake clock, and every line we write must
 * be the sample's, except the values that depend on the run (times, advert counts).
 */
class DumpSamplesTest {
    /** The wall clock of the sample's run: keepalived entered MASTER at 1796041301.866719. */
    private static final long TRANSITION_MICROS = 1_796_041_301_866_719L;

    private static KeepalivedConfig config;
    private static InstanceStatus status;
    private static DumpFacts facts;

    private static final SystemInfo LAB = new SystemInfo() {
        @Override
        public Optional<Interface> findInterface(String name) {
            return name.equals("veth0") ? Optional.of(new Interface(name, 3, false, true)) : Optional.empty();
        }

        @Override
        public Optional<Integer> userId(String user) {
            return user.equals("root") ? Optional.of(0) : Optional.empty();
        }

        @Override
        public Optional<Integer> userGroup(String user) {
            return userId(user);
        }

        @Override
        public Optional<Integer> groupId(String group) {
            return userId(group);
        }

        @Override
        public String hostname() {
            return "lab";
        }
    };

    @BeforeAll
    static void runSampleInstance() throws Exception {
        Path dir = Files.createTempDirectory("jk-dumps");
        Path conf = dir.resolve("ka.conf");
        Files.writeString(conf, resource("ka.conf"));
        config = ConfigLoader.load(new ConfigLoader.Options(conf.toString(), null, false, LAB, null)).config();
        Files.delete(conf);
        Files.delete(dir);
        InstancePlan plan = VrrpPlanner.plan(config, (ifname, v6) -> VrrpPlanner.literal("198.51.100.1")).get(0);
        long[] nanos = {1_000_000_000L};
        long[] wall = {TRANSITION_MICROS - 3_601_562L};
        VrrpStateMachine fsm = new VrrpStateMachine(plan.fsm(), () -> nanos[0]);
        InstanceRecorder rec = new InstanceRecorder(() -> wall[0]);
        VrrpEvent.TrackerChanged ok = new VrrpEvent.TrackerChanged("script chk", 2, false);
        rec.tracker(ok);
        fsm.handle(ok);
        VrrpStep step = feed(fsm, rec, new VrrpEvent.Start());
        assertThat(fsm.state()).isEqualTo(VrrpState.BACKUP);
        // the master-down timer runs out: MASTER, first advert; then three more adverts, one a second
        long wakeup = 0;
        for (int n = 0; n < 4; n++) {
            long advance = step.wakeupAtNanos().getAsLong() - nanos[0];
            nanos[0] += advance;
            wall[0] += advance / 1_000;
            step = feed(fsm, rec, new VrrpEvent.Tick());
            wakeup = step.wakeupAtNanos().getAsLong();
        }
        assertThat(fsm.state()).isEqualTo(VrrpState.MASTER);
        AdvertDecoder decoder = new AdvertDecoder(plan.expectation());
        facts = DumpFacts.of(config, p -> p.equals("/bin/true") ? "/usr/bin/true" : p);
        status = VrrpStatusBuilder.build(plan, fsm, decoder.counters(), rec, InetAddress.getByName("198.51.100.1"),
                wakeup, nanos[0], wall[0], null);
    }

    private static VrrpStep feed(VrrpStateMachine fsm, InstanceRecorder rec, VrrpEvent e) {
        VrrpStep step = fsm.handle(e);
        for (VrrpAction a : step.actions()) {
            rec.observe(a);
        }
        return step;
    }

    @Test
    void statsFileMatchesKeepalivedLineByLine() throws Exception {
        List<String> ours = StatsDump.format(List.of(status)).lines().toList();
        List<String> theirs = resource("keepalived.stats").lines().toList();
        assertThat(ours).hasSameSizeAs(theirs);
        for (int k = 0; k < ours.size(); k++) {
            assertThat(ours.get(k)).as("line %d", k + 1).isEqualTo(theirs.get(k));
        }
        // the only run-specific value, adverts sent, happens to be the same: 4 adverts in both runs
    }

    @Test
    void dataFileHasTheSampleLinesInTheSampleOrder() throws Exception {
        String ours = DataDump.format(List.of(status), facts, ZoneOffset.UTC);
        List<String> theirs = resource("keepalived.data").lines().toList();
        Set<String> runSpecific = Set.of("Last transition", "Read timeout");
        int at = 0;
        for (String line : ours.lines().toList()) {
            String key = line.contains(" = ") ? line.substring(0, line.indexOf(" = ")).strip() : null;
            int found = -1;
            for (int k = at; k < theirs.size(); k++) {
                String t = theirs.get(k);
                boolean same = key != null && runSpecific.contains(key)
                        ? t.startsWith(line.substring(0, line.indexOf(" = ") + 3))
                        : t.equals(line);
                if (same) {
                    found = k;
                    break;
                }
            }
            assertThat(found).as("our line '%s' is in the sample after line %d", line, at).isGreaterThanOrEqualTo(0);
            at = found + 1;
        }
        assertThat(ours).contains("   Last transition = 1796041301.866719 (Mon Nov 30 12:21:41.866719 2026)\n");
        assertThat(ours).contains("   Read timeout = 1796041305.866719 (Mon Nov 30 12:21:45.866719 2026)\n");
        assertThat(ours).contains("   Master down timer = 3601562 usecs\n", "     chk weight 2\n",
                "     198.51.100.100/24 dev veth0 scope global set\n", "   Status = GOOD\n");
    }

    @Test
    void jsonHasTheSampleFieldsAndValues() throws Exception {
        String ours = JsonDump.format(List.of(status), facts);
        String theirs = resource("keepalived.json").strip();
        Map<String, String> o = flatFields(ours);
        Map<String, String> t = flatFields(theirs);
        assertThat(o.keySet()).containsExactlyElementsOf(t.keySet());
        Set<String> runSpecific = Set.of("advert_sent");
        for (String k : t.keySet()) {
            if (!runSpecific.contains(k)) {
                assertThat(o.get(k)).as(k).isEqualTo(t.get(k));
            }
        }
        assertThat(o.get("advert_sent")).isEqualTo("4");
        // the whole text is the sample's but for advert_sent
        assertThat(ours.replace("\"advert_sent\":4", "\"advert_sent\":5")).isEqualTo(theirs);
    }

    /** "name":value pairs in order of appearance (values as written; arrays kept whole). */
    private static Map<String, String> flatFields(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\"([a-z_]+)\":(\\[[^\\]]*\\]|\"[^\"]*\"|[^,{}\\]]+)").matcher(json);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    static String resource(String name) throws Exception {
        try (InputStream in = DumpSamplesTest.class.getResourceAsStream("/dumps/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
