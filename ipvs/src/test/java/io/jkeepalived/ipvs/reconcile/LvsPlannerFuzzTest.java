package io.jkeepalived.ipvs.reconcile;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Jazzer target for the planner's readers of recorded lines (group ranges, granularity, tunnel options, sorry
 * server, thresholds): fuzzed values in a virtual_server and its group, read by the parser and then planned,
 * reconciled and diffed. Whatever the parser let through, planning reports a problem or succeeds; nothing escapes.
 * Replays its inputs under plain {@code mvn test}; fuzzes with {@code JAZZER_FUZZ=1}.
 */
class LvsPlannerFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void planning(byte[] data) throws Exception {
        String[] v = new String(data, StandardCharsets.ISO_8859_1).replace("{", "").replace("}", "").split("\n", -1);
        String slot0 = v.length > 0 ? v[0] : "198.51.100.10-12 80";
        String slot1 = v.length > 1 ? v[1] : "255.255.255.0";
        String slot2 = v.length > 2 ? v[2] : "TUN type gue port 6080 csum";
        String slot3 = v.length > 3 ? v[3] : "203.0.113.9 80";
        String slot4 = v.length > 4 ? v[4] : "100";
        String config = "virtual_server_group g {\n " + slot0 + "\n fwmark 9\n}\n"
                + "virtual_server group g {\n protocol TCP\n persistence_timeout 60\n persistence_granularity " + slot1
                + "\n lvs_method " + slot2 + "\n sorry_server " + slot3 + "\n real_server 203.0.113.2 80 {\n  uthreshold "
                + slot4 + "\n }\n}\n"
                + "virtual_server 198.51.100.10 80 {\n protocol TCP\n persistence_timeout 60\n persistence_granularity " + slot1
                + "\n lvs_method " + slot2 + "\n sorry_server " + slot3 + "\n real_server 203.0.113.2 80 {\n  lthreshold "
                + slot4 + "\n }\n}\n";
        var loaded = Configs.load(config);
        if (loaded == null) {
            return;
        }
        List<String> problems = new ArrayList<>();
        List<VirtualServerPlan> plans = LvsPlanner.plan(loaded.check(), problems::add);
        LvsReconciler r = LvsReconciler.start(plans);
        IpvsDiff.applied(new IpvsTable(), IpvsDiff.diff(new IpvsTable(), r.desired(), r.keys()));
    }
}
