package io.jkeepalived.conf;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Printing a parsed model ({@link ConfigWriter}, what {@code -d} shows) and reading the text again gives
 * the same model, and printing that gives the same text. The generator writes configs the way operators
 * do: every block family, keepalived's spellings, values in and out of range.
 */
class RoundTripTest {
    private static Path dir;

    @BeforeContainer
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("jk-roundtrip");
    }

    @AfterContainer
    static void removeDir() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = 300)
    void printedModelReadsBackEqual(@ForAll("configs") String text) throws IOException {
        LoadResult first = load(text, "first.conf");
        if (first.config() == null) {
            return; // reading stopped (missing parameter): nothing to print
        }
        String printed = ConfigWriter.write(first.config());
        LoadResult second = load(printed, "second.conf");
        assertThat(second.config()).as("model read back from:%n%s%nprinted from:%n%s", printed, text)
                .isEqualTo(first.config());
        assertThat(ConfigWriter.write(second.config())).isEqualTo(printed);
    }

    private static LoadResult load(String text, String name) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.ISO_8859_1);
        return ConfigLoader.load(new ConfigLoader.Options(file.toString(), null, true, TestMachine.INSTANCE, null));
    }

    // ---- generators -------------------------------------------------------------------------

    @Provide
    Arbitrary<String> configs() {
        // statics and BFD first: keepalived resolves track_bfd while reading the instance
        Arbitrary<String> network = Combinators.combine(staticBlocks(), bfdInstances()).as((statics, bfd) -> statics + bfd);
        return Combinators.combine(globalDefs().optional(), network, vrrpScripts(), trackFiles(), trackProcesses(),
                        vrrpInstances(), syncGroups().optional(), virtualServers())
                .as((g, net, scripts, files, processes, instances, groups, servers) -> g.orElse("") + net + scripts
                        + files + processes + instances + groups.orElse("") + servers);
    }

    private static Arbitrary<Integer> small() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(1, 10)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0, -1, 256, 3600, 99999)));
    }

    private static Arbitrary<String> word() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
    }

    private static Arbitrary<String> block(String head, Arbitrary<List<String>> lines) {
        return lines.map(ls -> head + " {\n" + String.join("", ls.stream().map(l -> "    " + l + "\n").toList()) + "}\n");
    }

    private static Arbitrary<String> globalDefs() {
        Arbitrary<String> line = Arbitraries.oneOf(
                word().map(w -> "router_id " + w),
                word().map(w -> "notification_email {\n        " + w + "@example.org\n    }"),
                word().map(w -> "notification_email_from " + w + "@example.org"),
                Arbitraries.integers().between(1, 254).map(i -> "smtp_server 198.51.100." + i),
                small().map(i -> "smtp_connect_timeout " + i),
                Arbitraries.just("enable_script_security"),
                Arbitraries.of("root", "nobody").map(u -> "script_user " + u),
                Arbitraries.of(2, 3).map(v -> "vrrp_version " + v),
                small().map(i -> "vrrp_garp_master_delay " + i),
                small().map(i -> "vrrp_garp_master_repeat " + i),
                Arbitraries.just("vrrp_strict"),
                Arbitraries.just("lvs_flush"),
                Arbitraries.just("checker_log_all_failures"),
                Arbitraries.integers().between(1, 254).map(i -> "vrrp_mcast_group4 224.0.0." + i),
                globalDefsMore());
        return block("global_defs", line.list().ofMaxSize(6));
    }

    /** The rest of the typed global keywords, with values in and out of range. */
    private static Arbitrary<String> globalDefsMore() {
        return Arbitraries.oneOf(
                Arbitraries.of("", " 587", " 0", " x").map(p -> "smtp_server 198.51.100.25" + p),
                word().map(w -> "smtp_helo_name " + w),
                Arbitraries.of("", " true", " no", " maybe").map(b -> "smtp_alert" + b),
                Arbitraries.of("", " -1", " 50", " 100").map(v -> "max_auto_priority" + v),
                Arbitraries.of("vrrp_check_unicast_src", "vrrp_skip_check_adv_addr", "vrrp_lower_prio_no_advert",
                        "vrrp_higher_prio_send_advert false", "vrrp_min_garp", "vrrp_no_swap", "checker_no_swap",
                        "lvs_flush_onstop", "lvs_flush_on_stop VS", "enable_traps", "process_names",
                        "dynamic_interfaces", "dynamic_interfaces allow_if_changes", "nftables", "nftables ka",
                        "vrrp_iptables", "vrrp_iptables KA_IN KA_OUT", "no_email_faults"),
                Arbitraries.of("vrrp", "checker", "bfd").flatMap(p -> Arbitraries.of(-21, -5, 0, 19, 20)
                        .map(v -> p + "_priority " + v)),
                Arbitraries.of("vrrp", "checker", "bfd").flatMap(p -> Arbitraries.of(0, 1, 50, 150)
                        .map(v -> p + "_rt_priority " + v)),
                small().map(i -> "vrrp_garp_master_refresh " + i),
                small().map(i -> "vrrp_garp_master_refresh_repeat " + i),
                small().map(i -> "vrrp_garp_lower_prio_delay " + i),
                small().map(i -> "vrrp_garp_lower_prio_repeat " + i),
                small().map(i -> "vrrp_down_timer_adverts " + i),
                Arbitraries.of("0", "0.001", "1", "x").map(v -> "vrrp_garp_interval " + v),
                Arbitraries.of("0", "0.5", "2").map(v -> "vrrp_gna_interval " + v),
                Arbitraries.of("ff02::13", "2001:db8::1").map(a -> "vrrp_mcast_group6 " + a),
                Arbitraries.of("eth0", "eth1 VI_1", "eth1 inst VI_1 id 7", "eth2 id 300 maxlen 1400 port 8848 ttl 2",
                        "eth1 group 239.1.2.3", "eth1 group 203.0.113.1").map(a -> "lvs_sync_daemon " + a),
                Arbitraries.of("tcp 900", "tcp 900 tcpfin 120 udp 300", "udp 99999999", "tcp").map(a -> "lvs_timeouts " + a),
                Arbitraries.of("eth1", "eth2").map(i -> "default_interface " + i),
                word().map(w -> "vrrp_process_name " + w),
                Arbitraries.of("0", "0.0001", "2.5").map(v -> "vrrp_startup_delay " + v),
                Arbitraries.of("notify_fifo", "vrrp_notify_fifo", "lvs_notify_fifo").flatMap(k -> Arbitraries.of(
                        " /run/k.fifo", " /run/k.fifo nobody", "_script \"/bin/true --x\"", "_script /bin/true")
                        .map(v -> k + v)),
                Arbitraries.just("fifo_write_vrrp_states_on_reload"));
    }

    /** static_ipaddress, static_routes, static_rules and garp_group blocks. */
    private static Arbitrary<String> staticBlocks() {
        Arbitrary<String> address = Combinators.combine(Arbitraries.integers().between(1, 254),
                        Arbitraries.of("", "/24", " dev eth1", " scope link", "/64 label eth0:1"))
                .as((i, opt) -> "198.51.100." + i + opt);
        Arbitrary<String> route = Arbitraries.of(
                "198.51.100.0/24 via 203.0.113.1 dev eth1",
                "198.51.100.0/24 via 203.0.113.1 dev eth1 src 203.0.113.5 metric 10 table 100 scope link",
                "blackhole 198.51.100.128/25",
                "default via 203.0.113.1 dev eth0 no_track",
                "203.0.113.0/24 nexthop via 198.51.100.1 dev eth0 weight 2 nexthop via 198.51.100.2 dev eth1",
                "2001:db8:1::/48 via 2001:db8::1 dev eth2 protocol static",
                "to 198.51.100.32/27 dev eth2 mtu lock 1400",
                "198.51.100.64/26 gw 203.0.113.1 or 203.0.113.2 dev eth0",
                "bogus 198.51.100.0/24");
        Arbitrary<String> rule = Arbitraries.of(
                "from 198.51.100.0/24 table 100 preference 50",
                "to 203.0.113.0/24 lookup main",
                "from 2001:db8::/64 iif eth1 table 200",
                "not fwmark 0x10/0xff oif eth2 blackhole",
                "from 198.51.100.0/24 goto 200 priority 100",
                "from 198.51.100.0/24",
                "from 300.1.1.1 table 1");
        Arbitrary<String> garp = Arbitraries.oneOf(
                Arbitraries.of("0", "0.002", "1", "x").map(v -> "garp_interval " + v),
                Arbitraries.of("0.5", "3").map(v -> "gna_interval " + v),
                Arbitraries.of("eth1", "eth2").map(i -> "interface " + i),
                Arbitraries.just("interfaces {\n        eth2 eth3\n    }"));
        return Arbitraries.oneOf(
                        block("static_ipaddress", address.list().ofMaxSize(3)),
                        block("static_routes", route.list().ofMaxSize(3)),
                        block("static_rules", rule.list().ofMaxSize(3)),
                        block("garp_group", garp.list().ofMaxSize(3)))
                .list().ofMaxSize(3).map(bs -> String.join("", bs));
    }

    /** bfd_instance blocks (read by the BFD process). */
    private static Arbitrary<String> bfdInstances() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of("198.51.100.7", "2001:db8::7", "bad").map(a -> "neighbor_ip " + a),
                Arbitraries.of("198.51.100.1", "2001:db8::1").map(a -> "source_ip " + a),
                Arbitraries.of("min_rx", "min_tx", "idle_tx").flatMap(k -> Arbitraries.of("0", "10", "20.5", "2000", "x")
                        .map(v -> k + " " + v)),
                small().map(i -> "multiplier " + i),
                Arbitraries.just("passive"),
                small().map(i -> "ttl " + i),
                small().map(i -> "max_hops " + i),
                Arbitraries.of("-20 reverse", "10", "300").map(v -> "weight " + v));
        return Arbitraries.integers().between(0, 2).flatMap(n -> {
            Arbitrary<String> all = Arbitraries.just("");
            for (int i = 1; i <= n; i++) {
                all = Combinators.combine(all, block("bfd_instance bfd_" + i, line.list().ofMaxSize(5)))
                        .as(String::concat);
            }
            return all;
        });
    }

    private static Arbitrary<String> vrrpScripts() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of("\"/bin/true\"", "/bin/false", "\"/usr/bin/test -e /etc/hostname\"").map(s -> "script " + s),
                small().map(i -> "interval " + i),
                small().map(i -> "timeout " + i),
                Arbitraries.integers().between(-30, 30).map(i -> "weight " + i),
                small().map(i -> "fall " + i),
                small().map(i -> "rise " + i));
        return Arbitraries.integers().between(0, 2).flatMap(n -> {
            Arbitrary<String> all = Arbitraries.just("");
            for (int i = 1; i <= n; i++) {
                String name = "chk_" + i;
                all = Combinators.combine(all, block("vrrp_script " + name, line.list().ofMaxSize(5)))
                        .as(String::concat);
            }
            return all;
        });
    }

    private static Arbitrary<String> vrrpInstances() {
        Arbitrary<String> vip = Combinators.combine(Arbitraries.integers().between(1, 254),
                        Arbitraries.of("", " dev eth1", " label eth0:1", " scope link"))
                .as((i, opt) -> "198.51.100." + i + "/24" + opt);
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of("MASTER", "BACKUP", "master").map(s -> "state " + s),
                Arbitraries.of("eth0", "eth1", "eth2").map(s -> "interface " + s),
                Arbitraries.integers().between(1, 255).map(i -> "priority " + i),
                small().map(i -> "advert_int " + i),
                Arbitraries.just("nopreempt"),
                small().map(i -> "preempt_delay " + i),
                word().map(w -> "authentication {\n        auth_type PASS\n        auth_pass " + w + "\n    }"),
                vip.list().ofMinSize(1).ofMaxSize(3).map(vs -> "virtual_ipaddress {\n"
                        + String.join("", vs.stream().map(v -> "        " + v + "\n").toList()) + "    }"),
                Arbitraries.integers().between(1, 254).map(i -> "unicast_src_ip 203.0.113." + i),
                Arbitraries.integers().between(1, 254).map(i -> "unicast_peer {\n        203.0.113." + i + "\n    }"),
                Arbitraries.just("track_script {\n        chk_1\n    }"),
                Arbitraries.just("track_interface {\n        eth3 weight 10\n    }"),
                Arbitraries.of("\"/bin/true\"", "/bin/true").map(s -> "notify_master " + s),
                Arbitraries.just("garp_master_delay 2"),
                Arbitraries.just("smtp_alert"),
                vrrpInstanceExtras());
        return Arbitraries.integers().between(0, 3).flatMap(n -> {
            Arbitrary<String> all = Arbitraries.just("");
            for (int i = 1; i <= n; i++) {
                String head = "vrrp_instance VI_" + i;
                // interface and virtual_router_id first: almost every instance needs them
                Arbitrary<String> inst = line.list().ofMaxSize(8).map(ls -> {
                    List<String> withId = new java.util.ArrayList<>(ls);
                    withId.add(0, "virtual_router_id " + (50 + ls.size()));
                    withId.add(0, "interface eth0");
                    return withId;
                }).flatMap(ls -> block(head, Arbitraries.just(ls)));
                all = Combinators.combine(all, inst).as(String::concat);
            }
            return all;
        });
    }

    /** The other vrrp_instance keywords, each with values in and out of keepalived's ranges. */
    private static Arbitrary<String> vrrpInstanceExtras() {
        Arbitrary<String> bool = Arbitraries.of("", " true", " off", " maybe");
        Arbitrary<String> trackWeight = Arbitraries.of("", " weight 10", " weight -254", " weight 300",
                " weight 5 reverse", " weight 5 noreverse", " weight", " bogus");
        return Arbitraries.oneOf(
                Arbitraries.of("garp_master_delay", "garp_master_repeat", "garp_master_refresh",
                        "garp_master_refresh_repeat", "garp_lower_prio_delay", "garp_lower_prio_repeat",
                        "down_timer_adverts", "debug", "kernel_rx_buf_size", "unicast_ttl")
                        .flatMap(k -> small().map(i -> k + " " + i)),
                Arbitraries.of("lower_prio_no_advert", "higher_prio_send_advert", "strict_mode", "skip_check_adv_addr",
                        "smtp_alert", "notify_priority_changes").flatMap(k -> bool.map(b -> k + b)),
                Arbitraries.of("accept", "no_accept", "dont_track_primary", "promote_secondaries", "vmac_xmit_base",
                        "use_vmac_addr", "check_unicast_src", "unicast_fault_no_peer", "track_src_ip", "notify_deleted"),
                Arbitraries.of("", " vrrp.51", " 02:11:22:33:44:55", " vrrp.52 00:00:5e:00:01:01")
                        .map(v -> "use_vmac" + v),
                Arbitraries.of("all 10", "20", "all").map(v -> "garp_extra_if " + v),
                Arbitraries.of("", " ipv1 198.51.100.50/24 private", " vepa bridge").map(v -> "use_ipvlan" + v),
                Arbitraries.of("224.0.0.99", "198.51.100.7").map(a -> "mcast_dst_ip " + a),
                Arbitraries.of("eth0", "eth1", "eth9").map(v -> "vrf " + v),
                Combinators.combine(Arbitraries.of("eth1", "eth2", "eth9"), trackWeight)
                        .as((n, w) -> "track_interface {\n        " + n + w + "\n    }"),
                Combinators.combine(Arbitraries.of("tf_1", "tf_2", "tf_none"), trackWeight)
                        .as((n, w) -> "track_file {\n        " + n + w + "\n    }"),
                Combinators.combine(Arbitraries.of("tp_1", "tp_none"), trackWeight)
                        .as((n, w) -> "track_process {\n        " + n + w + "\n    }"),
                Combinators.combine(Arbitraries.of("chk_1", "chk_2"), trackWeight)
                        .as((n, w) -> "track_script {\n        " + n + w + "\n    }"),
                Combinators.combine(Arbitraries.integers().between(1, 254),
                                Arbitraries.of("", " min_ttl 10", " max_ttl 200", " min_ttl 300", " min_ttl 5 max_ttl 250"))
                        .as((i, o) -> "unicast_peer {\n        203.0.113." + i + o + "\n    }"),
                Arbitraries.of("notify_backup", "notify_fault", "notify_stop", "notify", "notify_master_rx_lower_pri")
                        .flatMap(k -> Arbitraries.of("\"/bin/true\"", "/bin/true root", "/bin/true nosuchuser")
                                .map(s -> k + " " + s)),
                Arbitraries.just("virtual_routes {\n        198.51.100.0/25 dev eth0\n    }"),
                Arbitraries.just("virtual_rules {\n        from 198.51.100.10 table 100\n    }"));
    }

    private static Arbitrary<String> trackFiles() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of("/tmp/jk-rt-1", "/tmp/jk-rt-2").map(f -> "file " + f),
                Arbitraries.of("3", "-254", "255", "2 reverse", "1").map(w -> "weight " + w),
                Arbitraries.of("", " 5", " overwrite", " -3 overwrite").map(v -> "init_file" + v));
        return Arbitraries.integers().between(0, 2).flatMap(n -> {
            Arbitrary<String> all = Arbitraries.just("");
            for (int i = 1; i <= n; i++) {
                all = Combinators.combine(all, block("track_file tf_" + i, line.list().ofMaxSize(4)))
                        .as(String::concat);
            }
            return all;
        });
    }

    private static Arbitrary<String> trackProcesses() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of("haproxy", "/usr/sbin/sshd -D", "nginx -g x").map(p -> "process " + p),
                Arbitraries.of("", " initial", " partial", " bogus").map(m -> "param_match" + m),
                Arbitraries.of("3", "-254", "300", "2 reverse").map(w -> "weight " + w),
                small().map(i -> "quorum " + i),
                small().map(i -> "quorum_max " + i),
                Arbitraries.of("delay 0.5", "terminate_delay 2", "fork_delay 0", "full_command"));
        return line.list().ofMaxSize(4).optional()
                .flatMap(o -> o.isEmpty() ? Arbitraries.just("") : block("vrrp_track_process tp_1", Arbitraries.just(o.get())));
    }

    private static Arbitrary<String> syncGroups() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.just("track_interface {\n        eth2 weight 5\n    }"),
                Arbitraries.just("track_script {\n        chk_1 weight 3\n    }"),
                Arbitraries.of("notify_master", "notify_backup", "notify_fault", "notify_stop", "notify")
                        .map(k -> k + " \"/bin/true\""),
                Arbitraries.of("smtp_alert", "notify_priority_changes no", "sync_group_tracking_weight"));
        return line.list().ofMaxSize(3).map(ls -> {
            List<String> all = new java.util.ArrayList<>(ls);
            all.add(0, "group {\n        VI_1\n        VI_2\n    }");
            return all;
        }).flatMap(ls -> block("vrrp_sync_group G_1", Arbitraries.just(ls)));
    }

    private static Arbitrary<String> virtualServers() {
        Arbitrary<String> checker = Arbitraries.oneOf(
                small().map(i -> "TCP_CHECK {\n            connect_timeout " + i + "\n            retry 3\n"
                        + "            delay_before_retry 2\n        }"),
                Arbitraries.of(200, 301, 503).map(c -> "HTTP_GET {\n            url {\n                path /health\n"
                        + "                status_code " + c + "\n            }\n            connect_timeout 3\n        }"),
                Arbitraries.just("MISC_CHECK {\n            misc_path \"/bin/true\"\n            misc_timeout 5\n        }"));
        Arbitrary<String> real = Combinators.combine(Arbitraries.integers().between(1, 254),
                        Arbitraries.integers().between(0, 100), checker.list().ofMaxSize(2))
                .as((ip, weight, checks) -> "real_server 203.0.113." + ip + " 8080 {\n        weight " + weight + "\n"
                        + String.join("", checks.stream().map(c -> "        " + c + "\n").toList()) + "    }");
        Arbitrary<String> line = Arbitraries.oneOf(
                small().map(i -> "delay_loop " + i),
                Arbitraries.of("rr", "wrr", "wlc", "lc", "sh", "mh", "bogus").map(s -> "lb_algo " + s),
                Arbitraries.of("NAT", "DR", "TUN", "nat").map(s -> "lb_kind " + s),
                small().map(i -> "persistence_timeout " + i),
                Arbitraries.of("TCP", "UDP", "SCTP").map(s -> "protocol " + s),
                Arbitraries.just("alpha"),
                Arbitraries.just("omega"),
                small().map(i -> "quorum " + i),
                Arbitraries.just("sorry_server 203.0.113.250 8080"),
                real);
        return Arbitraries.integers().between(0, 2).flatMap(n -> {
            Arbitrary<String> all = Arbitraries.just("");
            for (int i = 1; i <= n; i++) {
                all = Combinators.combine(all, block("virtual_server 198.51.100." + (200 + i) + " 80",
                        line.list().ofMaxSize(7))).as(String::concat);
            }
            return all;
        });
    }
}
